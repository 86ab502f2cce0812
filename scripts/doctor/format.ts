// The doctor's report as plain text for a deployer.
import type { DoctorReport, Finding } from './checks';
import { blockingProblems } from './checks';

const MARK: Record<Finding['level'], string> = { problem: 'PROBLEM', warning: 'warning', info: 'note' };

const finding = (f: Finding) => `  ${MARK[f.level].padEnd(7)}  ${f.text}`;

export function formatReport(report: DoctorReport, configPath: string): string {
  const lines = [`smart-config.json: ${configPath}`, ''];
  for (const server of report.servers) {
    lines.push(`${server.name} [${server.id}]  ${server.issuer}`);
    const width = Math.max(0, ...server.facts.map(([label]) => label.length));
    for (const [label, value] of server.facts) lines.push(`  ${label.padEnd(width)}  ${value}`);
    lines.push(...server.findings.map(finding), '');
  }
  if (report.servers.length) {
    lines.push('CSP origins this deployment needs', `  connect-src      ${report.csp.connectSrc.join(' ')}`,
      `  form-action      ${report.csp.formAction.join(' ')}`, `  frame-ancestors  ${report.csp.frameAncestors.join(' ')}`);
  }
  lines.push(...report.findings.map(finding));
  const blocking = blockingProblems(report);
  lines.push('', blocking ? `${blocking} problem${blocking === 1 ? '' : 's'} would block a launch.` : 'No problem that would block a launch.');
  return lines.join('\n');
}
