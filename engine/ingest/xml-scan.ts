/**
 * A small push scanner for the XML parts of an .xlsx workbook: text arrives in pieces (inflated chunk by chunk) and
 * the handler hears each start tag, end tag and run of character data. It knows only what those parts use: no DTDs,
 * no namespace resolution (a prefix such as `x:` is dropped from element names), attributes left as raw text for
 * `attribute` to pick from. Character data is passed raw; `decodeXmlText` turns it into text.
 */

export interface XmlHandler {
  open(name: string, attributes: string): void;
  /** Also called right after `open` for a self-closing element. */
  close(name: string): void;
  /** Raw character data (entities not yet decoded); a run may arrive in several calls. */
  text(raw: string): void;
}

/** Thrown for text that cannot be the XML of a workbook part. */
export class MalformedXml extends Error {}

const localName = (qualified: string): string => {
  const colon = qualified.indexOf(':');
  return colon < 0 ? qualified : qualified.slice(colon + 1);
};

const isNameStart = (code: number): boolean => (code >= 65 && code <= 90) || (code >= 97 && code <= 122) || code === 95 || code === 58 || code > 127;

export class XmlScanner {
  /** Text not yet scanned: the part of the last piece after its last complete tag. */
  private pending = '';

  constructor(private readonly handler: XmlHandler) {}

  push(piece: string): void {
    const text = this.pending === '' ? piece : this.pending + piece;
    this.pending = text.slice(this.scan(text));
  }

  /** The end of the part: anything still pending is an unterminated tag. */
  end(): void {
    if (this.pending.trim() !== '') throw new MalformedXml('the XML ends in the middle of a tag (truncated part?)');
  }

  /** Scans complete tags and the character data before them; returns where the unscanned rest starts. */
  private scan(text: string): number {
    const { handler } = this;
    let at = 0;
    for (;;) {
      const lt = text.indexOf('<', at);
      if (lt < 0) {
        if (at < text.length) handler.text(text.slice(at));
        return text.length;
      }
      if (lt > at) handler.text(text.slice(at, lt));
      at = lt;
      const next = text.charCodeAt(lt + 1);
      if (next !== next) return lt; // NaN: the piece ends right after `<`
      if (next === 33 /* ! */) {
        const end = this.special(text, lt);
        if (end < 0) return lt;
        at = end;
        continue;
      }
      const gt = text.indexOf('>', lt);
      if (gt < 0) return lt;
      at = gt + 1;
      if (next === 63 /* ? */) continue; // the XML declaration or a processing instruction
      if (next === 47 /* / */) {
        handler.close(localName(text.slice(lt + 2, gt).trim()));
        continue;
      }
      if (!isNameStart(next)) throw new MalformedXml(`unexpected "<${text.slice(lt + 1, lt + 2)}" in the XML`);
      const selfClosing = text.charCodeAt(gt - 1) === 47;
      const attributesEnd = selfClosing ? gt - 1 : gt;
      let nameEnd = lt + 2;
      while (nameEnd < attributesEnd && text.charCodeAt(nameEnd) > 32) nameEnd++;
      const name = localName(text.slice(lt + 1, nameEnd));
      handler.open(name, nameEnd < attributesEnd ? text.slice(nameEnd, attributesEnd) : '');
      if (selfClosing) handler.close(name);
    }
  }

  /** Comments, CDATA sections and a DOCTYPE; returns the index after them, or -1 when the piece ends first. */
  private special(text: string, lt: number): number {
    if (text.startsWith('<!--', lt)) {
      const end = text.indexOf('-->', lt + 4);
      return end < 0 ? -1 : end + 3;
    }
    if (text.startsWith('<![CDATA[', lt)) {
      const end = text.indexOf(']]>', lt + 9);
      if (end < 0) return -1;
      // CDATA is literal text; escaping its ampersands lets it share the decoding of ordinary character data.
      this.handler.text(text.slice(lt + 9, end).replaceAll('&', '&amp;'));
      return end + 3;
    }
    if (text.length - lt < 9) return -1;
    const gt = text.indexOf('>', lt);
    return gt < 0 ? -1 : gt + 1;
  }
}

const ENTITIES: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

/**
 * Character data or an attribute value → text: the five predefined entities and numeric character references, and
 * line ends normalised to LF as XML requires (a CR survives only as `&#13;`). Unknown entities are kept as written.
 */
export function decodeXmlText(raw: string): string {
  const text = raw.includes('\r') ? raw.replace(/\r\n?/g, '\n') : raw;
  if (!text.includes('&')) return text;
  return text.replace(/&(#x[0-9a-fA-F]+|#[0-9]+|[a-z]+);/g, (whole, body: string) => {
    if (body.charCodeAt(0) !== 35 /* # */) return ENTITIES[body] ?? whole;
    const code = body[1] === 'x' ? parseInt(body.slice(2), 16) : parseInt(body.slice(1), 10);
    return code <= 0x10ffff ? String.fromCodePoint(code) : whole;
  });
}

/**
 * exceljs decodes the five named entities a second time in sheet names and in `str` / inline string values
 * (`&amp;lt;` reads as `<`); done here too so those texts stay what the exceljs reader gave.
 */
export function decodeNamedEntitiesAgain(text: string): string {
  return text.includes('&') ? text.replace(/&(lt|gt|amp|quot|apos);/g, (_, name: string) => ENTITIES[name]!) : text;
}

/** The raw value of attribute `name` in a start tag's attribute text, or null; `decodeXmlText` decodes it. */
export function attribute(attributes: string, name: string): string | null {
  let from = 0;
  for (;;) {
    const at = attributes.indexOf(name, from);
    if (at < 0) return null;
    from = at + name.length;
    const before = attributes.charCodeAt(at - 1);
    if (at > 0 && before !== 32 && before !== 9 && before !== 10 && before !== 13) continue;
    let eq = from;
    while (attributes.charCodeAt(eq) <= 32) eq++;
    if (attributes.charCodeAt(eq) !== 61 /* = */) continue;
    let open = eq + 1;
    while (attributes.charCodeAt(open) <= 32) open++;
    const quote = attributes[open];
    if (quote !== '"' && quote !== "'") continue;
    const close = attributes.indexOf(quote, open + 1);
    if (close < 0) return null;
    return attributes.slice(open + 1, close);
  }
}
