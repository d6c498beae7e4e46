/**
 * The fixed parts of the report's .xlsx package (ECMA-376 part names and relationships): content types, package and
 * workbook relationships, document properties and the workbook with its sheets in order.
 */
import { escapeXmlText } from './shared-strings.ts';

const XML_DECLARATION = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';
const RELATIONSHIPS = 'http://schemas.openxmlformats.org/package/2006/relationships';
const OFFICE_RELATIONSHIP = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const SPREADSHEET = 'application/vnd.openxmlformats-officedocument.spreadsheetml';

export interface PackagePart {
  name: string;
  xml: string;
}

/** Sheet n (1-based) is `xl/worksheets/sheet{n}.xml`, relationship `rId{n}`. */
export function sheetPartName(n: number): string {
  return `xl/worksheets/sheet${n}.xml`;
}

export const SHARED_STRINGS_PART = 'xl/sharedStrings.xml';
export const STYLES_PART = 'xl/styles.xml';

/** An attribute value in double quotes: the text escapes of the shared strings, and the quote. */
function escapeAttribute(text: string): string {
  return escapeXmlText(text).replace(/"/g, '&quot;');
}

/** W3CDTF without milliseconds, as Excel writes it. */
function w3cdtf(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

function relationships(items: readonly [id: string, type: string, target: string][]): string {
  const body = items.map(([id, type, target]) => `<Relationship Id="${id}" Type="${type}" Target="${target}"/>`).join('');
  return `${XML_DECLARATION}<Relationships xmlns="${RELATIONSHIPS}">${body}</Relationships>`;
}

function contentTypes(sheets: number): string {
  const overrides: [string, string][] = [
    ['/xl/workbook.xml', `${SPREADSHEET}.sheet.main+xml`],
    ...Array.from({ length: sheets }, (_, i): [string, string] => [`/${sheetPartName(i + 1)}`, `${SPREADSHEET}.worksheet+xml`]),
    [`/${STYLES_PART}`, `${SPREADSHEET}.styles+xml`],
    [`/${SHARED_STRINGS_PART}`, `${SPREADSHEET}.sharedStrings+xml`],
    ['/docProps/core.xml', 'application/vnd.openxmlformats-package.core-properties+xml'],
    ['/docProps/app.xml', 'application/vnd.openxmlformats-officedocument.extended-properties+xml'],
  ];
  return (
    `${XML_DECLARATION}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">` +
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>' +
    '<Default Extension="xml" ContentType="application/xml"/>' +
    overrides.map(([part, type]) => `<Override PartName="${part}" ContentType="${type}"/>`).join('') +
    '</Types>'
  );
}

function coreProperties(creator: string, created: Date): string {
  const stamp = w3cdtf(created);
  return (
    `${XML_DECLARATION}<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" ` +
    'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">' +
    `<dc:creator>${escapeXmlText(creator)}</dc:creator>` +
    `<dcterms:created xsi:type="dcterms:W3CDTF">${stamp}</dcterms:created>` +
    `<dcterms:modified xsi:type="dcterms:W3CDTF">${stamp}</dcterms:modified></cp:coreProperties>`
  );
}

function appProperties(application: string, sheetNames: readonly string[]): string {
  const titles = sheetNames.map((name) => `<vt:lpstr>${escapeXmlText(name)}</vt:lpstr>`).join('');
  return (
    `${XML_DECLARATION}<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties" ` +
    'xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">' +
    `<Application>${escapeXmlText(application)}</Application>` +
    '<HeadingPairs><vt:vector size="2" baseType="variant"><vt:variant><vt:lpstr>Worksheets</vt:lpstr></vt:variant>' +
    `<vt:variant><vt:i4>${sheetNames.length}</vt:i4></vt:variant></vt:vector></HeadingPairs>` +
    `<TitlesOfParts><vt:vector size="${sheetNames.length}" baseType="lpstr">${titles}</vt:vector></TitlesOfParts></Properties>`
  );
}

function workbook(sheetNames: readonly string[]): string {
  const sheets = sheetNames.map((name, i) => `<sheet name="${escapeAttribute(name)}" sheetId="${i + 1}" r:id="rId${i + 1}"/>`).join('');
  return (
    `${XML_DECLARATION}<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="${OFFICE_RELATIONSHIP}">` +
    `<bookViews><workbookView/></bookViews><sheets>${sheets}</sheets></workbook>`
  );
}

function workbookRelationships(n: number): string {
  return relationships([
    ...Array.from({ length: n }, (_, i): [string, string, string] => [`rId${i + 1}`, `${OFFICE_RELATIONSHIP}/worksheet`, `worksheets/sheet${i + 1}.xml`]),
    [`rId${n + 1}`, `${OFFICE_RELATIONSHIP}/styles`, 'styles.xml'],
    [`rId${n + 2}`, `${OFFICE_RELATIONSHIP}/sharedStrings`, 'sharedStrings.xml'],
  ]);
}

/** Every part but the sheets, shared strings and styles, which are written as the report is made. */
export function packageParts(sheetNames: readonly string[], creator: string, created: Date): PackagePart[] {
  return [
    { name: '[Content_Types].xml', xml: contentTypes(sheetNames.length) },
    {
      name: '_rels/.rels',
      xml: relationships([
        ['rId1', `${OFFICE_RELATIONSHIP}/officeDocument`, 'xl/workbook.xml'],
        ['rId2', `${RELATIONSHIPS}/metadata/core-properties`, 'docProps/core.xml'],
        ['rId3', `${OFFICE_RELATIONSHIP}/extended-properties`, 'docProps/app.xml'],
      ]),
    },
    { name: 'docProps/core.xml', xml: coreProperties(creator, created) },
    { name: 'docProps/app.xml', xml: appProperties(creator, sheetNames) },
    { name: 'xl/workbook.xml', xml: workbook(sheetNames) },
    { name: 'xl/_rels/workbook.xml.rels', xml: workbookRelationships(sheetNames.length) },
  ];
}
