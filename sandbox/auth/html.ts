// Minimal server-rendered HTML for the sandbox pages (sign-in, EHR simulator): no scripts, no external assets.

const entities: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Escapes text for HTML element content and quoted attribute values. */
export function escapeHtml(value: unknown): string {
  return String(value ?? '').replace(/[&<>"']/g, (char) => entities[char]);
}

/** Inline styles only; scripts and everything else are refused by the CSP. */
export function pageCsp(extra = ''): string {
  return `default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'${extra}`;
}

const baseCss = `
  body { font: 15px/1.45 system-ui, sans-serif; margin: 0; color: #1d2733; background: #f4f6f8; }
  main { max-width: 44rem; margin: 2rem auto; background: #fff; padding: 1.5rem 2rem; border-radius: 8px;
    box-shadow: 0 1px 3px rgb(0 0 0 / 0.15); }
  h1 { font-size: 1.4rem; margin-top: 0; }
  label { display: block; font-weight: 600; margin: 1rem 0 0.3rem; }
  select { font: inherit; padding: 0.35rem; width: 100%; max-width: 30rem; }
  @media (max-width: 36rem) { main { margin: 0; border-radius: 0; padding: 1rem; } }
  button, .button { font: inherit; padding: 0.45rem 1.1rem; border-radius: 4px; border: 1px solid #1b5e9e;
    background: #1b5e9e; color: #fff; cursor: pointer; text-decoration: none; display: inline-block; }
  button.secondary, .button.secondary { background: #fff; color: #1b5e9e; }
  .actions { margin-top: 1.5rem; display: flex; gap: 0.75rem; }
  code { background: #eef1f4; padding: 0 0.25rem; border-radius: 3px; }
`;

export function htmlPage(title: string, body: string, css = ''): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<style>${baseCss}${css}</style>
</head>
<body>
${body}
</body>
</html>
`;
}
