import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { PLACEHOLDERS, clusteringText, isPlaceholder } from '../../engine/normalise/clustering.ts';
import { simplify } from '../../engine/normalise/simplify.ts';

describe('clusteringText (SPEC §5.2)', () => {
  it.each([
    ['Eigen risico € 2.500,- per schade', 'eigen risico [BEDRAG] per schade'],
    ['Verzekerd bedrag EUR 100.000,00 per gebeurtenis', 'verzekerd bedrag [BEDRAG] per gebeurtenis'],
    ['Dekking 500 euro en 1000 euro en 50000 euro', 'dekking [BEDRAG] en [BEDRAG] en [BEDRAG]'],
    ['Limiet € 500 / € 1.000 per jaar', 'limiet [BEDRAG] per jaar'],
    ['Dekking tot € 1,5 miljoen', 'dekking tot [BEDRAG]'],
    ['Premie 5% van de herbouwwaarde', 'premie [PERCENTAGE] van de herbouwwaarde'],
    ['Ingangsdatum 01-01-2024, premie 2,5 %', 'ingangsdatum [DATUM] premie [PERCENTAGE]'],
    ['Geldig van 01-01-2024 tot 31/12/2025', 'geldig van [DATUM] tot [DATUM]'],
    ['Per 1 januari 2020 geldt in 2024 de regeling', 'per [DATUM] geldt in 2024 de regeling'],
    // Changed on purpose (docs/decisions.md): the city belongs to the postcode, street and city to the address.
    ['Risicoadres 1234 AB Amsterdam', 'risicoadres [POSTCODE]'],
    ['Hoofdstraat 12 te Amsterdam, 1234 AB Amsterdam', '[ADRES] [POSTCODE]'],
    ['Zie polis pol12345678', 'zie polis [POLISNR]'],
    ['Bel 06-12345678 of mail info@x.nl', 'bel [TELEFOON] of mail [EMAIL]'],
    ['Zie nr. 5 en item 42 en pos 7, ref 1234567', 'zie [ITEMNR] en [ITEMNR] en [ITEMNR] ref [REFNR]'],
    ['Kenmerk 1234567', 'kenmerk [REFNR]'],
    ['De deur 2 is gesloten bij artikel 7 Voorwaarden', 'de deur 2 is gesloten bij artikel 7 voorwaarden'],
    ['Art. 7:960 BW is van toepassing', 'art 7960 bw is van toepassing'],
  ])('golden example %j', (raw, expected) => {
    expect(clusteringText(raw)).toBe(expected);
  });

  describe('addresses, dates and amounts in more written forms (docs/decisions.md)', () => {
    it.each([
      // Street, number and place are one address, whichever way the place is written.
      ['Het risicoadres is gewijzigd naar Kerkweg 1 te 9157 SN Amsterdam met ingang van 04-12-2020.', 'het risicoadres is gewijzigd naar [ADRES] met ingang van [DATUM]'],
      ['Het risicoadres is gewijzigd naar Dorpsstraat 206 te 2186 JA Enschede met ingang van 26 december 2017', 'het risicoadres is gewijzigd naar [ADRES] met ingang van [DATUM]'],
      ['opslag aan de Pastoor van Arsstraat 15 te Zeist', 'opslag aan de [ADRES]'],
      ["Molenweg 3 (5211 AB 's-Hertogenbosch) is verzekerd", '[ADRES] is verzekerd'],
      ['Lindenlaan 7, 4611 AA Bergen op Zoom', '[ADRES]'],
      ['Marktstraat 12 te Den Haag', '[ADRES]'],
      // A text in capitals is read in lower case; its postcode still counts, and so does the city after it.
      ['KERKWEG 1 TE 9157 SN AMSTERDAM MET INGANG VAN 04-12-2020', '[ADRES] met ingang van [DATUM]'],
      ['DE OPSLAG AAN DE MARKTPLEIN 50, 2456 JX UTRECHT IS MEEVERZEKERD', 'de opslag aan de [ADRES] is meeverzekerd'],
      // Month names: abbreviated, and a month with a year but no day.
      ['Vanaf 4 dec. 2020 geldt', 'vanaf [DATUM] geldt'],
      ['Vanaf 4 dec 2020 geldt', 'vanaf [DATUM] geldt'],
      ['In maart 2021 verlengd', 'in [DATUM] verlengd'],
      // `EUR` written against the number.
      ['Eigen risico EUR5000 per schade', 'eigen risico [BEDRAG] per schade'],
      // References with a year in front.
      ['Kenmerk 2021/04567', 'kenmerk [REFNR]'],
    ])('%j', (raw, expected) => {
      expect(clusteringText(raw)).toBe(expected);
    });
    it('a lone particle or a lower-case word before a street stays a word', () => {
      expect(clusteringText('aan de Kerkweg 1 is')).toBe('aan de [ADRES] is');
      expect(clusteringText('het pand aan de kerkweg 12 is')).toBe('het pand aan de [ADRES] is');
    });
    it('a text in capitals keeps every word but the address', () => {
      expect(clusteringText('SCHADE DOOR STORM IS GEDEKT TOT 500 EURO')).toBe('schade door storm is gedekt tot [BEDRAG]');
    });
  });

  describe('negative cases stay', () => {
    it('`deur 2`: no start boundary before `eur`', () => {
      expect(clusteringText('de deur 2 is dicht')).toBe('de deur 2 is dicht');
    });
    it('`in 2024 de`: lower-case word before a 4-digit year', () => {
      expect(clusteringText('geldt in 2024 de regeling')).toBe('geldt in 2024 de regeling');
    });
    it('`artikel 7 Voorwaarden`: not a street, not followed by `te`', () => {
      expect(clusteringText('artikel 7 Voorwaarden')).toBe('artikel 7 voorwaarden');
      expect(clusteringText('Artikel 7 Voorwaarden')).toBe('artikel 7 voorwaarden');
    });
    it('`1 januari` without a year', () => {
      expect(clusteringText('per 1 januari geldt')).toBe('per 1 januari geldt');
    });
    it('a bare year has fewer than 5 digits', () => {
      expect(clusteringText('sinds 2024')).toBe('sinds 2024');
    });
  });

  describe('R1–R10 edge cases', () => {
    it('R3: +31 and 0031 phone numbers', () => {
      expect(clusteringText('Bel +31 6 12345678 of +31612345678')).toBe('bel [TELEFOON] of [TELEFOON]');
      expect(clusteringText('Tel. 0031 20 1234567')).toBe('tel [TELEFOON]');
      expect(clusteringText('Bel 020-1234567')).toBe('bel [TELEFOON]');
    });
    it('R3: too few digits is not a phone number', () => {
      expect(clusteringText('code 0123')).toBe('code 0123');
    });
    it('R4: dotted, ISO and written dates', () => {
      expect(clusteringText('Op 01.02.2024 en 2024-03-15')).toBe('op [DATUM] en [DATUM]');
      expect(clusteringText('Vanaf 15 maart 2023')).toBe('vanaf [DATUM]');
      expect(clusteringText('Vanaf 1-2-24')).toBe('vanaf [DATUM]');
    });
    it('R4: mixed separators are not a date', () => {
      expect(clusteringText('01-02/2024')).not.toContain('[DATUM]');
    });
    it('R4: adjacent dates collapse into one [DATUM]', () => {
      expect(clusteringText('01-01-2024 / 31-12-2024')).toBe('[DATUM]');
    });
    it('R5: thousands, `,-` and currency after the number', () => {
      expect(clusteringText('Betaal 1.000 euro')).toBe('betaal [BEDRAG]');
      expect(clusteringText('Kosten EUR 2,- per maand')).toBe('kosten [BEDRAG] per maand');
      expect(clusteringText('Tot 5 mln euro')).toBe('tot [BEDRAG]');
      expect(clusteringText('Tot €10.000')).toBe('tot [BEDRAG]');
    });
    it('R5: `eur` inside a word is no currency', () => {
      expect(clusteringText('deur 25 open')).toBe('deur 25 open');
    });
    it('R6: `procent` as a word', () => {
      expect(clusteringText('Korting 10 procent')).toBe('korting [PERCENTAGE]');
      expect(clusteringText('10 procenten')).toBe('10 procenten');
    });
    it('R7: postcode letters must be capitals in the raw text', () => {
      expect(clusteringText('Adres 1234AB Utrecht')).toBe('adres [POSTCODE]');
      expect(clusteringText('adres 1234 ab utrecht')).toBe('adres 1234 ab utrecht');
      expect(clusteringText('adres 0234 AB')).toBe('adres 0234 ab');
    });
    it('R8: `nr.5` and `nummer 12`', () => {
      expect(clusteringText('Zie nr.5')).toBe('zie [ITEMNR]');
      expect(clusteringText('Zie Nummer 12 en POS. 3')).toBe('zie [ITEMNR] en [ITEMNR]');
    });
    it('R9: street suffix words, case-insensitive; the street name is part of the address', () => {
      expect(clusteringText('Kerkstraat 3-5')).toBe('[ADRES]');
      expect(clusteringText('KERKSTRAAT 12a')).toBe('[ADRES]');
      expect(clusteringText('Stationsweg 101 B')).toBe('[ADRES]');
      expect(clusteringText('Dorpsplein 4, Utrecht')).toBe('[ADRES]');
    });
    it('R9: capitalised word before, `te` and a capitalised word after', () => {
      expect(clusteringText('Dorp 12 te Utrecht')).toBe('[ADRES]');
      expect(clusteringText('Dorp 12 TE Utrecht')).toBe('[ADRES]');
      expect(clusteringText('Dorp 12 te utrecht')).toBe('dorp 12 te utrecht');
      expect(clusteringText('dorp 12 te Utrecht')).toBe('dorp 12 te utrecht');
      expect(clusteringText('Dorp, 12 te Utrecht')).toBe('dorp 12 te utrecht');
    });
    it('R9 before R10: a long house number behind a street', () => {
      expect(clusteringText('Industrieweg 12345')).toBe('[ADRES]');
    });
    it('R10: five digits or more', () => {
      expect(clusteringText('Dossier 12345 en 1234')).toBe('dossier [REFNR] en 1234');
    });
    it('R1: e-mail addresses before everything else', () => {
      expect(clusteringText('Mail j.de.vries+polis@verzekeraar-x.co.uk nu')).toBe('mail [EMAIL] nu');
      expect(clusteringText('schade12345@x.nl')).toBe('[EMAIL]');
    });
    it('R2: policy numbers with prefix and optional letter', () => {
      expect(clusteringText('Polis-12345678A en DL-98765')).toBe('[POLISNR] en [POLISNR]');
      expect(clusteringText('pol1234')).toBe('pol1234');
    });
  });

  describe('placeholders', () => {
    it('later rules never match inside an inserted placeholder, and placeholders are kept as written', () => {
      const text = clusteringText('Kenmerk 1234567, € 12.345,67 op 12-12-2024 via schade12345@x.nl');
      expect(text).toBe('kenmerk [REFNR] [BEDRAG] op [DATUM] via [EMAIL]');
    });
    it('matches are found left to right: a number before `€` is an amount with the currency after it', () => {
      expect(clusteringText('Kenmerk 1234567 € 12.345,67')).toBe('kenmerk [BEDRAG] 1234567');
    });
    it('text typed as a placeholder by a user is simplified like any text', () => {
      expect(clusteringText('Bedrag [BEDRAG]')).toBe('bedrag bedrag');
    });
    it('punctuation between placeholders disappears; runs of [BEDRAG] or [DATUM] collapse, others do not', () => {
      expect(clusteringText('€ 5 - € 10 - € 15')).toBe('[BEDRAG]');
      expect(clusteringText('5% / 6%')).toBe('[PERCENTAGE] [PERCENTAGE]');
      expect(clusteringText('€ 5 en € 10')).toBe('[BEDRAG] en [BEDRAG]');
    });
    it('applies NFKC and deletes format characters before the rules', () => {
      expect(clusteringText('Premie ＥＵＲ １００')).toBe('premie [BEDRAG]');
      expect(clusteringText('Kenmerk 123\u200B4567')).toBe('kenmerk [REFNR]');
    });
    it('texts without digits or @ are simply simplified', () => {
      expect(clusteringText('  Let op:\tDEZE  polis ')).toBe('let op deze polis');
      expect(clusteringText('')).toBe('');
    });
    it('isPlaceholder recognises exactly the ten tokens, [ADRES] in place of [HUISNR]', () => {
      expect(PLACEHOLDERS).toContain('[ADRES]');
      expect(PLACEHOLDERS).not.toContain('[HUISNR]');
      expect(PLACEHOLDERS).toHaveLength(10);
      for (const token of PLACEHOLDERS) expect(isPlaceholder(token)).toBe(true);
      expect(isPlaceholder('bedrag')).toBe(false);
      expect(isPlaceholder('[bedrag]')).toBe(false);
    });
  });
});

describe('clusteringText properties', () => {
  const pieces = [
    'Eigen', 'risico', '€', 'EUR', 'euro', '2.500,-', '1,5', 'miljoen', '12', '1234', 'AB', 'ab', '12345', '%',
    'procent', '01-01-2024', '1', 'januari', '2024', 'Hoofdstraat', 'te', 'Amsterdam', 'nr.', 'pol12345678',
    '06-12345678', 'info@x.nl', '+31', '/', ',', '.', ':', '\t', '\u200B', 'ﬁ', '１２', 'privé', '[BEDRAG]', '',
  ];
  const rawText = fc.array(fc.constantFrom(...pieces), { maxLength: 14 }).chain((words) =>
    fc.array(fc.constantFrom(' ', '  ', ''), { minLength: words.length, maxLength: words.length }).map((gaps) =>
      words.map((word, i) => word + gaps[i]).join(''),
    ),
  );

  it('gives single-spaced, trimmed text of placeholders and simplified words', () => {
    fc.assert(
      fc.property(fc.oneof(rawText, fc.string({ maxLength: 40 })), (raw) => {
        const text = clusteringText(raw);
        expect(text).toBe(text.trim());
        expect(text).not.toMatch(/ {2}/);
        for (const token of text === '' ? [] : text.split(' ')) {
          expect(isPlaceholder(token) || simplify(token) === token).toBe(true);
        }
        expect(text).not.toMatch(/\[BEDRAG\] \[BEDRAG\]|\[DATUM\] \[DATUM\]/);
      }),
      { numRuns: 2000 },
    );
  });

  it('equals the simplified text when no rule matched', () => {
    fc.assert(
      fc.property(rawText, (raw) => {
        const text = clusteringText(raw);
        if (!text.includes('[')) expect(text).toBe(simplify(raw));
      }),
      { numRuns: 2000 },
    );
  });
});
