/**
 * Throughput of the normalise stage on 100,000 realistic Dutch clauses (~90 characters).
 * Run: `npx tsx test/normalise/throughput.ts` (not a vitest suite; the figure depends on the machine).
 */

import { clusteringText } from '../../engine/normalise/clustering.ts';
import { simplify } from '../../engine/normalise/simplify.ts';
import { contentTerms } from '../../engine/normalise/synonym-groups.ts';
import { stemmedTokens } from '../../engine/normalise/tokens.ts';

let seed = 42;
const random = (): number => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
const int = (n: number): number => Math.floor(random() * n);
const pick = <T>(items: T[]): T => items[int(items.length)]!;

const templates: Array<() => string> = [
  () => `Eigen risico € ${int(5000)},- per schade, met een maximum van EUR ${int(900) + 100}.000 per jaar.`,
  () => `Ingangsdatum ${1 + int(28)}-0${1 + int(9)}-20${10 + int(15)}; premie ${int(9)},${int(9)} % van de herbouwwaarde.`,
  () =>
    `Risicoadres: ${pick(['Hoofdstraat', 'Kerkweg', 'Dorpsplein', 'Stationslaan'])} ${int(200)} te ` +
    `${pick(['Amsterdam', 'Utrecht', 'Zwolle'])}, ${1000 + int(8999)} AB ${pick(['Amsterdam', 'Utrecht'])}.`,
  () =>
    `Terrorismeclausule NHT: schade door terrorisme is verzekerd tot € ${int(9)} miljoen per jaar, ` +
    `zie polis pol${10000000 + int(8e7)}.`,
  () =>
    `Als medeverzekerde is aangetekend de hypotheekhouder, kenmerk ${100000 + int(9e5)}; ` +
    `bel 06-${10000000 + int(8e7)} of mail info@bank.nl`,
  () =>
    `In afwijking van artikel ${int(20)}.${int(20)} is molest meeverzekerd. De dekking geldt uitsluitend voor ` +
    `het woonhuis en de inboedel.`,
  () =>
    `Verzekerde is verplicht het ${pick(['inbraakalarm', 'beveiligingssysteem'])} ingeschakeld te houden ` +
    `wanneer de woning onbewoond is ${pick(['', '(ook overdag)', 'gedurende de vakantie'])}.`,
];

const texts = Array.from({ length: 100_000 }, () => pick(templates)());
const averageLength = texts.reduce((n, text) => n + [...text].length, 0) / texts.length;

function time(label: string, run: (text: string) => unknown): number {
  for (let i = 0; i < 2000; i++) run(texts[i]!); // warm-up
  const start = performance.now();
  for (const text of texts) run(text);
  const ms = performance.now() - start;
  console.log(`${label.padEnd(40)} ${ms.toFixed(0).padStart(6)} ms`);
  return ms;
}

console.log(`${texts.length} clauses, average ${averageLength.toFixed(0)} code points`);
const a = time('simplify', simplify);
const b = time('clusteringText', clusteringText);
console.log(`${'simplify + clusteringText'.padEnd(40)} ${(a + b).toFixed(0).padStart(6)} ms`);
time('stemmedTokens(simplify(text))', (text) => stemmedTokens(simplify(text)));
time('contentTerms(clusteringText(text))', (text) => contentTerms(clusteringText(text)));
