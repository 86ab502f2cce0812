// HTML of the EHR simulator: a patient list and an EHR-like chart frame embedding the app. No scripts.
import { encodeLaunch } from '../auth/launch';
import type { PatientSummary } from '../data';
import { escapeHtml as e, htmlPage } from '../auth/html';
import type { Profile } from '../profiles/profiles';

export type EhrPatient = PatientSummary;

export interface EhrPractitioner {
  id: string;
  name: string;
}

export interface EhrContext {
  appOrigin: string;
  fhirBase: string;
  patients: EhrPatient[];
  practitioners: EhrPractitioner[];
  /** The profile this EHR plays (named on the page; decides which launches it offers). */
  profile: Pick<Profile, 'name' | 'title' | 'differences' | 'ehrLaunch'>;
}

export function launchUrl(ctx: EhrContext, patient: EhrPatient, user: string, needPatientBanner: boolean): string {
  const url = new URL('/launch', ctx.appOrigin);
  url.searchParams.set('iss', ctx.fhirBase);
  const launch = { patient: patient.id, encounter: patient.latestEncounterId, user, need_patient_banner: needPatientBanner };
  url.searchParams.set('launch', encodeLaunch(launch));
  return url.href;
}

export function standaloneUrl(ctx: EhrContext): string {
  const url = new URL('/launch', ctx.appOrigin);
  url.searchParams.set('iss', ctx.fhirBase);
  return url.href;
}

const listCss = `
  main { max-width: 72rem; }
  table { border-collapse: collapse; width: 100%; margin-top: 1rem; }
  th, td { text-align: left; padding: 0.45rem 0.6rem; border-bottom: 1px solid #dde3e9; vertical-align: top; }
  .tag { display: inline-block; background: #eef1f4; border-radius: 3px; padding: 0 0.35rem; margin: 0 0.2rem 0.2rem 0;
    font-size: 0.85em; }
  .links a { margin-right: 0.75rem; white-space: nowrap; }
  .profile { background: #eef4fb; border-left: 4px solid #1b5e9e; padding: 0.5rem 1rem; margin: 1rem 0; }
  .profile ul { margin: 0.3rem 0 0; padding-left: 1.2rem; }
  form.user { display: flex; gap: 0.75rem; align-items: end; }
  form.user label { margin: 0; }
`;

function launchLinks(ctx: EhrContext, p: EhrPatient, user: EhrPractitioner): string {
  const { ehrLaunch } = ctx.profile;
  if (ehrLaunch === 'none') return '<span>No EHR launch (standalone only)</span>';
  const embedded = `<a href="/ehr/${encodeURIComponent(p.id)}?user=${encodeURIComponent(user.id)}" aria-label="Open embedded: ${e(p.name)}">Open embedded</a>`;
  if (ehrLaunch === 'embedded') return embedded;
  return `${embedded}
    <a href="${e(launchUrl(ctx, p, user.id, true))}" target="_blank" rel="noopener" aria-label="Open in new window: ${e(p.name)}">Open in new window</a>`;
}

function profileNote(ctx: EhrContext): string {
  const { name, title, differences } = ctx.profile;
  return `<section class="profile" aria-label="Sandbox profile">
  <strong>Profile: ${e(name)}</strong> (${e(title)}), FHIR base <code>${e(ctx.fhirBase)}</code>
  <ul>${differences.map((d) => `<li>${e(d)}</li>`).join('')}</ul>
</section>`;
}

export function patientListPage(ctx: EhrContext, user: EhrPractitioner): string {
  const rows = ctx.patients.map((p) => `<tr>
  <td>${e(p.name)}${p.deceased ? ' <span class="tag">deceased</span>' : ''}</td>
  <td>${e(p.mrn)}</td>
  <td>${e(p.birthDate)}</td>
  <td>${e(p.gender)}</td>
  <td>${p.tags.map((t) => `<span class="tag">${e(t)}</span>`).join('')}</td>
  <td class="links">
    ${launchLinks(ctx, p, user)}
  </td>
</tr>`);
  const options = ctx.practitioners
    .map((p) => `<option value="${e(p.id)}"${p.id === user.id ? ' selected' : ''}>${e(p.name)}</option>`)
    .join('');
  const body = `<main>
<h1>EHR simulator: ${e(ctx.profile.name)} profile</h1>
${profileNote(ctx)}
<p>Launch the app for a patient as the EHR would (EHR launch), or <a href="${e(standaloneUrl(ctx))}">Standalone launch</a>
(the app asks the authorization server for a patient).</p>
<form class="user" method="get" action="/">
  <div><label for="user">EHR user</label><select id="user" name="user">${options}</select></div>
  <button type="submit">Switch user</button>
</form>
<table>
<caption class="visually-hidden">Patients</caption>
<thead><tr><th scope="col">Patient</th><th scope="col">MRN</th><th scope="col">Born</th><th scope="col">Gender</th>
<th scope="col">Tags</th><th scope="col">Launch</th></tr></thead>
<tbody>
${rows.join('\n')}
</tbody>
</table>
</main>`;
  return htmlPage(`EHR simulator (${ctx.profile.name})`, body, `${listCss} .visually-hidden { position: absolute; clip: rect(0 0 0 0); }`);
}

const chartCss = `
  body { height: 100vh; display: grid; grid-template-rows: auto 1fr; overflow: hidden; }
  header { background: #23395d; color: #fff; padding: 0.6rem 1rem; display: flex; gap: 1.5rem; align-items: baseline; }
  header a { color: #cfe0ff; }
  header .name { font-size: 1.2rem; font-weight: 700; }
  .layout { display: grid; grid-template-columns: 12rem 1fr var(--app-width); min-height: 0; }
  nav { background: #e8edf3; padding: 1rem; }
  nav ul { list-style: none; padding: 0; margin: 0; line-height: 2; }
  section.chart { padding: 1rem 1.5rem; overflow: auto; }
  aside { border-left: 1px solid #c5ced8; display: flex; flex-direction: column; min-height: 0; background: #fff; }
  aside h2 { font-size: 0.95rem; margin: 0; padding: 0.4rem 0.6rem; background: #f4f6f8; border-bottom: 1px solid #c5ced8; }
  iframe { border: 0; width: 100%; flex: 1; }
`;

export function chartPage(ctx: EhrContext, patient: EhrPatient, user: EhrPractitioner, width: number): string {
  const src = launchUrl(ctx, patient, user.id, false);
  const body = `<header>
  <span class="name">${e(patient.name)}</span>
  <span>MRN ${e(patient.mrn)}</span>
  <span>Born ${e(patient.birthDate)}</span>
  <span>${e(patient.gender)}</span>
  ${patient.deceased ? '<span>Deceased</span>' : ''}
  <span>User: ${e(user.name)}</span>
  <span>Profile: ${e(ctx.profile.name)}</span>
  <a href="/?user=${encodeURIComponent(user.id)}">Patient list</a>
</header>
<div class="layout" style="--app-width: ${width}px">
  <nav aria-label="Chart sections"><ul><li>Summary</li><li>Encounters</li><li>Results</li><li>Orders</li><li>Notes</li></ul></nav>
  <section class="chart" aria-label="Chart">
    <h1>Chart summary</h1>
    <p>Latest encounter: ${e(patient.latestEncounterId ?? 'none')}</p>
    <p>The SMART app runs in the panel on the right, launched by the EHR (need_patient_banner=false).</p>
  </section>
  <aside aria-label="SMART app">
    <h2>SMART Chart</h2>
    <iframe title="SMART app" name="smart-app" src="${e(src)}"
      sandbox="allow-scripts allow-same-origin allow-forms allow-popups allow-popups-to-escape-sandbox allow-modals"></iframe>
  </aside>
</div>`;
  return htmlPage(`EHR – ${patient.name}`, body, chartCss);
}
