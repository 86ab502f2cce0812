import type { HumanName } from 'fhir/r4';

const PREFERRED_USE = ['official', 'usual', undefined, 'nickname', 'temp', 'anonymous', 'old', 'maiden'];

/** The best display name: official or usual first, `text` if given, else given names + family. */
export function formatHumanName(names: HumanName[] | undefined): string | undefined {
  if (!names?.length) return undefined;
  const name = [...names].sort((a, b) => PREFERRED_USE.indexOf(a.use) - PREFERRED_USE.indexOf(b.use))[0]!;
  const text = name.text?.trim();
  if (text) return text;
  const parts = [...(name.prefix ?? []), ...(name.given ?? []), name.family, ...(name.suffix ?? [])];
  const joined = parts.filter((p) => p && p.trim()).join(' ');
  return joined || undefined;
}
