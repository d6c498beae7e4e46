/**
 * Article references of conditions sections (SPEC §9.8). Other steps use fixed texts: the library code, the
 * keyword rule's article, `Custom instructie`, `Nieuw` or `-` (see ARTICLES in labels.ts).
 */
import type { Section } from '../inputs/conditions.ts';

const MAX_REFERENCE = 80;
const CUT_REFERENCE = 77;

/**
 * `Art 2.8 – Fraude` (U+2013 with spaces) or `Art 2.8` without title, cut to 77 code points + `...` when longer than
 * 80; other sections `{documentId}, pagina {page}` or `{documentId}, pagina onbekend` (page numbers are never
 * invented). The 80-character cut applies to article references only, as §9.8 places it, so a page number is never
 * cut off.
 */
export function sectionReference(section: Pick<Section, 'id' | 'title' | 'documentId' | 'page'>): string {
  if (section.id.startsWith('Art ')) {
    const title = section.title.trim();
    const reference = title === '' ? section.id : `${section.id} \u2013 ${title}`;
    const points = [...reference];
    return points.length > MAX_REFERENCE ? `${points.slice(0, CUT_REFERENCE).join('')}...` : reference;
  }
  return section.page === null ? `${section.documentId}, pagina onbekend` : `${section.documentId}, pagina ${section.page}`;
}
