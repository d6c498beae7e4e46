/** Zip archives built byte by byte for tests of the workbook checks and the own .xlsx reader. */
import { crc32 } from 'node:zlib';

/** A stored (uncompressed) zip; `declaredSize` overrides the uncompressed size written in the central directory. */
export function makeZip(entries: { name: string; data: string; declaredSize?: number; zip64?: boolean }[]): Uint8Array {
  const local: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const entry of entries) {
    const name = Buffer.from(entry.name);
    const data = Buffer.from(entry.data);
    const crc = crc32(data);
    const head = Buffer.alloc(30);
    head.writeUInt32LE(0x04034b50, 0);
    head.writeUInt16LE(20, 4);
    head.writeUInt32LE(crc, 14);
    head.writeUInt32LE(data.length, 18);
    head.writeUInt32LE(data.length, 22);
    head.writeUInt16LE(name.length, 26);
    local.push(head, name, data);
    const extra = entry.zip64 ? Buffer.alloc(12) : Buffer.alloc(0);
    if (entry.zip64) {
      extra.writeUInt16LE(0x0001, 0);
      extra.writeUInt16LE(8, 2);
      extra.writeBigUInt64LE(BigInt(entry.declaredSize ?? data.length), 4);
    }
    const dirHead = Buffer.alloc(46);
    dirHead.writeUInt32LE(0x02014b50, 0);
    dirHead.writeUInt16LE(20, 4);
    dirHead.writeUInt16LE(20, 6);
    dirHead.writeUInt32LE(crc, 16);
    dirHead.writeUInt32LE(data.length, 20);
    dirHead.writeUInt32LE(entry.zip64 ? 0xffffffff : (entry.declaredSize ?? data.length), 24);
    dirHead.writeUInt16LE(name.length, 28);
    dirHead.writeUInt16LE(extra.length, 30);
    dirHead.writeUInt32LE(offset, 42);
    central.push(dirHead, name, extra);
    offset += head.length + name.length + data.length;
  }
  const directory = Buffer.concat(central);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return new Uint8Array(Buffer.concat([...local, directory, end]));
}
