/**
 * Keyword rules (SPEC §9.6, Appendix B), advice step 4: on the leader's simplified text, the first applicable rule
 * gives the advice. Keywords are simplified like the text (`7:960` → `7960`) and matched at word boundaries (§2), so
 * `strijd` does not fire inside `bestrijding`.
 */
import { simplify } from '../../normalise/simplify.ts';
import { codePointLength, matchesKeyword } from '../../util/text.ts';
import { LABELS, type Advice, type Confidence } from '../labels.ts';

export interface KeywordRule {
  name: string;
  keywords: readonly string[];
  /** When present, at least one must also match. */
  inclusion: readonly string[];
  /** When present, `|simple|` must not exceed it. */
  maxLength: number | null;
  label: string;
  confidence: Confidence;
  article: string;
  reason: string;
}

/** Appendix B, in evaluation order, written as in the SPEC (keywords are simplified when compiled). */
export const KEYWORD_RULES: readonly KeywordRule[] = [
  {
    name: 'fraude',
    keywords: ['fraude', 'misleiding'],
    inclusion: [],
    maxLength: 400,
    label: LABELS.remove,
    confidence: 'Hoog',
    article: 'Art 2.8',
    reason: 'Fraude is al uitgesloten in voorwaarden (Art 2.8/3.3).',
  },
  {
    name: 'rangorde',
    keywords: ['rangorde', 'strijd'],
    inclusion: [],
    maxLength: 300,
    label: LABELS.remove,
    confidence: 'Hoog',
    article: 'Art 9.1',
    reason: 'Standaard Rangorde bepaling (Art 9.1). Let op: alleen verwijderen als de tekst leeg is van andere clausules.',
  },
  {
    name: 'molest',
    keywords: ['molest'],
    inclusion: ['inclusief', 'meeverzekerd'],
    maxLength: null,
    label: LABELS.keepClause,
    confidence: 'Hoog',
    article: 'Art 2.14',
    reason: 'Afwijking: Voorwaarden sluiten Molest uit (Art 2.14), polis dekt het expliciet.',
  },
  {
    name: 'evacuatie',
    keywords: ['evacuatie', 'noodgedwongen'],
    inclusion: ['verblijf', 'bevoegd gezag'],
    maxLength: null,
    label: LABELS.manualCheck,
    confidence: 'Midden',
    article: '-',
    reason: 'Evacuatieclausule - controleer of dekking afwijkt van voorwaarden.',
  },
  {
    name: 'uitsluiting_kunst',
    keywords: ['uitsluiting', 'uitgesloten'],
    inclusion: ['kunstvoorwerpen', 'kunst', 'antiek', 'kunstobjecten'],
    maxLength: null,
    label: LABELS.keepCustom,
    confidence: 'Hoog',
    article: '-',
    reason: 'Specifieke uitsluiting van kunstobjecten - polisspecifiek maatwerk.',
  },
  {
    name: 'braak_clausule',
    keywords: ['braak'],
    inclusion: ['diefstal', 'inbraak'],
    maxLength: null,
    label: LABELS.keepClause,
    confidence: 'Midden',
    article: '-',
    reason: 'Braakclausule - specifieke voorwaarde voor diefstal. Controleer of consistent met voorwaarden.',
  },
  {
    name: 'vervangende_woonruimte',
    keywords: ['vervangende woonruimte', 'verblijf elders'],
    inclusion: [],
    maxLength: null,
    label: LABELS.manualCheck,
    confidence: 'Midden',
    article: 'Art 10',
    reason: 'Vervangende woonruimte clausule - vergelijk met Art 10 voorwaarden.',
  },
  {
    name: 'juwelen_sieraden',
    keywords: ['juwelen', 'sieraden', 'horloges', 'lijfsieraden'],
    inclusion: ['kluis', 'verzekerd', 'dekking'],
    maxLength: null,
    label: LABELS.keepCustom,
    confidence: 'Midden',
    article: '-',
    reason: 'Specifieke juwelen/sieraden bepaling - vaak polisspecifiek maatwerk.',
  },
  {
    name: 'alarm_beveiliging',
    keywords: ['alarm', 'inbraakalarm', 'beveiligingsysteem'],
    inclusion: ['doormelding', 'pac', 'bewakingscentrale'],
    maxLength: null,
    label: LABELS.keepObligation,
    confidence: 'Midden',
    article: '-',
    reason: 'Beveiligingsverplichting - controleer of eisen correct zijn vastgelegd.',
  },
  {
    name: 'monumenten',
    keywords: ['monument', 'monumentenlijst', 'rijksmonument'],
    inclusion: [],
    maxLength: null,
    label: LABELS.keepCustom,
    confidence: 'Hoog',
    article: '-',
    reason: 'Monumentenclausule - specifieke bepalingen voor monumentenpanden.',
  },
  {
    name: 'secundaire_dekking',
    keywords: ['secundaire dekking', 'secundaire verzekering', 'primaire verzekering'],
    inclusion: [],
    maxLength: null,
    label: LABELS.keepClause,
    confidence: 'Hoog',
    article: '-',
    reason: 'Secundaire dekkingsclausule - regelt samenloop met andere verzekeringen.',
  },
  {
    name: 'buitenland',
    keywords: ['buitenland', 'woonachtig in het buitenland', 'land van vestiging'],
    inclusion: [],
    maxLength: null,
    label: LABELS.keepCustom,
    confidence: 'Midden',
    article: '-',
    reason: 'Buitenlandclausule - specifieke bepalingen voor verzekerden in het buitenland.',
  },
  {
    name: 'verhuur',
    keywords: ['verhuur', 'verhuurd', 'huurder'],
    inclusion: [],
    maxLength: null,
    label: LABELS.keepCustom,
    confidence: 'Midden',
    article: '-',
    reason: 'Verhuurclausule - afwijkende voorwaarden bij verhuur. Controleer details.',
  },
  {
    name: 'taxatie',
    keywords: ['taxatie', 'taxatierapport', 'getaxeerd'],
    inclusion: ['7:960', 'herbouwwaarde', 'waarde'],
    maxLength: null,
    label: LABELS.manualCheck,
    confidence: 'Midden',
    article: 'Art 7:960 BW',
    reason: 'Taxatieclausule - controleer of taxatie nog geldig is (max 3 jaar).',
  },
  {
    name: 'overdekking',
    keywords: ['overdekking', 'automatisch gedekt'],
    inclusion: [],
    maxLength: null,
    label: LABELS.manualCheck,
    confidence: 'Midden',
    article: '-',
    reason: 'Overdekkingsclausule - controleer percentage en voorwaarden.',
  },
  {
    name: 'sanctie_wetgeving',
    keywords: ['sanctie', 'sanctiewetgeving', 'sanctieland'],
    inclusion: [],
    maxLength: null,
    label: LABELS.remove,
    confidence: 'Hoog',
    article: 'Art 7',
    reason: 'Standaard sanctiewetgeving - al opgenomen in voorwaarden (Art 7).',
  },
  {
    name: 'terrorisme',
    keywords: ['terrorisme', 'nht'],
    inclusion: [],
    maxLength: null,
    label: LABELS.remove,
    confidence: 'Hoog',
    article: 'Bijlage',
    reason: 'Standaard terrorismeclausule via NHT - zie Clausuleblad Terrorismedekking.',
  },
  {
    name: 'annulering',
    keywords: ['annulering', 'annuleringskosten'],
    inclusion: ['reis', 'doorlopend'],
    maxLength: null,
    label: LABELS.manualCheck,
    confidence: 'Midden',
    article: 'Art 9',
    reason: 'Annuleringsclausule - controleer of bedragen/voorwaarden afwijken.',
  },
];

interface CompiledRule {
  rule: KeywordRule;
  ruleId: string;
  keywords: string[];
  inclusion: string[];
}

const simplifiedKeywords = (keywords: readonly string[]): string[] =>
  [...new Set(keywords.map((keyword) => simplify(keyword)).filter((keyword) => keyword !== ''))];

const COMPILED: readonly CompiledRule[] = KEYWORD_RULES.map((rule) => ({
  rule,
  ruleId: `KEYWORD_${rule.name.toUpperCase()}`,
  keywords: simplifiedKeywords(rule.keywords),
  inclusion: simplifiedKeywords(rule.inclusion),
}));

function applies(compiled: CompiledRule, simple: string, length: number): boolean {
  const { rule } = compiled;
  if (rule.maxLength !== null && length > rule.maxLength) return false;
  if (!compiled.keywords.some((keyword) => matchesKeyword(simple, keyword))) return false;
  return compiled.inclusion.length === 0 || compiled.inclusion.some((keyword) => matchesKeyword(simple, keyword));
}

/** The first applicable rule of Appendix B for a simplified text, or null. */
export function matchKeywordRule(simple: string): { rule: KeywordRule; ruleId: string } | null {
  const length = codePointLength(simple);
  const hit = COMPILED.find((compiled) => applies(compiled, simple, length));
  return hit ? { rule: hit.rule, ruleId: hit.ruleId } : null;
}

/** Step 4: advice of the first applicable keyword rule (rule id `KEYWORD_{NAME}`), or null. */
export function keywordAdvice(simple: string): Advice | null {
  const hit = matchKeywordRule(simple);
  if (!hit) return null;
  const { rule, ruleId } = hit;
  return { label: rule.label, confidence: rule.confidence, reason: rule.reason, article: rule.article, rule: ruleId };
}
