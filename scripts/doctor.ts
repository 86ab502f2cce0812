// `npm run doctor -- [path/to/smart-config.json]` (default public/smart-config.json): a deployer's check of each
// configured server, with the app's own validation. Exits 1 when a problem would block a launch, 2 on bad usage.
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { blockingProblems, runDoctor } from './doctor/checks';
import { formatReport } from './doctor/format';

export async function doctor(argv: string[], print: (text: string) => void = console.log): Promise<number> {
  const args = argv.filter((a) => !a.startsWith('--'));
  if (args.length > 1 || argv.some((a) => a.startsWith('--') && a !== '--')) {
    print('Usage: npm run doctor -- [path/to/smart-config.json]');
    return 2;
  }
  const path = resolve(args[0] ?? 'public/smart-config.json');
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    print(`Cannot read ${path}${code === 'ENOENT' ? ': no such file' : ` (${code ?? 'error'})`}.`);
    return 1;
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    print(`${path} is not valid JSON: ${(error as Error).message}`);
    return 1;
  }
  const report = await runDoctor(raw);
  print(formatReport(report, path));
  return blockingProblems(report) ? 1 : 0;
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  doctor(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (error: unknown) => {
      // Never a stack trace for a deployer.
      console.log(`The doctor could not finish: ${(error as Error)?.message ?? String(error)}`);
      process.exit(1);
    },
  );
}
