// Reads a smart-config.json with the app's own validation (parseConfig), for the deploy tools: every problem is
// one line that names the file, and for invalid JSON the line and column.
import { readFileSync } from 'node:fs';
import { parseTree, printParseErrorCode, type ParseError } from 'jsonc-parser';
import { isCspOrigin, parseConfig, type AppConfig } from '../src/smart/config';
import { isSmartLaunchError } from '../src/smart/errors';
import { serversWithoutFhirOrigin } from './securityHeaders';

/** A problem the user can fix; the message is one line, printed without a stack trace. */
export class UsageError extends Error {}

/** "line 5, column 3" for a character offset. */
function lineAndColumn(text: string, offset: number): string {
  const before = text.slice(0, offset).split('\n');
  return `line ${before.length}, column ${before.at(-1)!.length + 1}`;
}

/** JSON.parse; on failure, where and what (V8's own message often has no position). */
export function parseJson(text: string, file: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    const errors: ParseError[] = [];
    parseTree(text, errors, { disallowComments: true, allowTrailingComma: false, allowEmptyContent: false });
    const first = errors[0];
    const what = first
      ? `${printParseErrorCode(first.error).replace(/(?<=[a-z])(?=[A-Z])/g, ' ').toLowerCase()} at ${lineAndColumn(text, first.offset)}`
      : (error as Error).message;
    throw new UsageError(`${file} is not valid JSON: ${what}`);
  }
}

const originOf = (url: string) => {
  try {
    return new URL(url).origin;
  } catch {
    return url;
  }
};

/**
 * The app accepts any http(s) URL in issuer, authOrigins and ehrOrigins; the served CSP (and nginx.conf) needs
 * their origins to be plain host names. The first one that is not.
 */
function unfitOrigin(config: AppConfig): { at: string; value: string } | undefined {
  const named = [
    ...config.servers.flatMap((s, i) => [
      ...(s.issuer ? [{ at: `servers[${i}].issuer`, value: s.issuer }] : []),
      ...(s.authOrigins ?? []).map((value) => ({ at: `servers[${i}].authOrigins`, value })),
    ]),
    ...config.ehrOrigins.map((value) => ({ at: 'ehrOrigins', value })),
  ];
  return named.find(({ value }) => !isCspOrigin(originOf(value)));
}

export function readAppConfig(file: string): AppConfig {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new UsageError(code === 'ENOENT' ? `${file} does not exist` : `${file} cannot be read (${code ?? (error as Error).message})`);
  }
  let config: AppConfig;
  try {
    config = parseConfig(parseJson(text.replace(/^\uFEFF/, ''), file)); // a BOM, as fetch() drops it
  } catch (error) {
    if (isSmartLaunchError(error)) throw new UsageError(`${file}: ${(error.detail ?? error.message).replace(/^smart-config\.json:\s*/, '')}`);
    throw error;
  }
  const unfit = unfitOrigin(config);
  if (unfit) throw new UsageError(`${file}: ${unfit.at} ${JSON.stringify(unfit.value)} is not an origin the CSP can name (scheme://host[:port], host of letters, digits, "-" and ".")`);
  for (const i of serversWithoutFhirOrigin(config)) {
    throw new UsageError(
      `${file}: servers[${i}] ("${config.servers[i]!.id}"): the FHIR origin cannot be read from its issuerPattern; list it in "fhirOrigins" (e.g. "https://*.ehr.example.com") so the CSP allows it`,
    );
  }
  return config;
}
