// Language packs for a code-server session. VS Code resolves a display language other than English from
// <user-data>/languagepacks.json, which its server writes only when it installs an extension itself; extensions
// installed with `--install-extension` before the start are not in it. This writes the file the way VS Code's
// language-pack cache does: per language id, the packs' extensions, a hash of their ids and versions, and the
// absolute path of each translation file.
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

interface Localization {
  languageId: string;
  languageName?: string;
  localizedLanguageName?: string;
  translations: { id: string; path: string }[];
}

interface LanguagePack {
  hash: string;
  extensions: { extensionIdentifier: { id: string }; version: string }[];
  translations: Record<string, string>;
  label: string;
}

/** Records every installed extension that contributes `localizations`; returns the language ids found. */
export function writeLanguagePacks(extensionsDir: string, userDataDir: string): string[] {
  const packs: Record<string, LanguagePack> = {};
  for (const folder of readdirSync(extensionsDir, { withFileTypes: true })) {
    const manifestFile = path.join(extensionsDir, folder.name, 'package.json');
    if (!folder.isDirectory() || !existsSync(manifestFile)) continue;
    const manifest = JSON.parse(readFileSync(manifestFile, 'utf8')) as { publisher: string; name: string; version: string; contributes?: { localizations?: Localization[] } };
    for (const localization of manifest.contributes?.localizations ?? []) {
      const pack = (packs[localization.languageId] ??= { hash: '', extensions: [], translations: {}, label: localization.localizedLanguageName ?? localization.languageName ?? localization.languageId });
      pack.extensions.push({ extensionIdentifier: { id: `${manifest.publisher}.${manifest.name}`.toLowerCase() }, version: manifest.version });
      for (const translation of localization.translations) pack.translations[translation.id] = path.join(extensionsDir, folder.name, translation.path);
    }
  }
  for (const pack of Object.values(packs)) {
    const hash = createHash('md5');
    for (const extension of pack.extensions) hash.update(extension.extensionIdentifier.id).update(extension.version);
    pack.hash = hash.digest('hex');
  }
  if (Object.keys(packs).length > 0) writeFileSync(path.join(userDataDir, 'languagepacks.json'), `${JSON.stringify(packs, null, 2)}\n`);
  return Object.keys(packs);
}
