/**
 * The zip format's record signatures and 32-bit limit (PKWARE APPNOTE), shared by the .xlsx reader (ingest) and the
 * report's zip writer, so both read and write the same records.
 */
export const LOCAL_HEADER = 0x04034b50;
export const DATA_DESCRIPTOR = 0x08074b50;
export const CENTRAL_HEADER = 0x02014b50;
export const END_OF_CENTRAL_DIRECTORY = 0x06054b50;
export const ZIP64_END = 0x06064b50;
export const ZIP64_LOCATOR = 0x07064b50;
/** The extra field that carries 64-bit sizes and offsets. */
export const ZIP64_EXTRA = 0x0001;
/** The largest 32-bit size or offset; a field holding it means "see the zip64 record". */
export const MAX_32 = 0xffffffff;
