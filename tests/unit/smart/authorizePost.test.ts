import { afterEach, describe, expect, it, vi } from 'vitest';
import { followAuthorizeRedirect } from '../../../src/smart/beginLaunch';

afterEach(() => {
  document.body.innerHTML = '';
  vi.restoreAllMocks();
});

describe('authorize by form POST (discovery advertises authorize-post)', () => {
  it('submits every authorize parameter as a hidden field to the endpoint, not in the URL', () => {
    const submit = vi.spyOn(HTMLFormElement.prototype, 'submit').mockImplementation(() => undefined);
    const url = 'https://auth.example/authorize?client_id=app&code_challenge=abc&code_challenge_method=S256&state=s1&aud=https%3A%2F%2Fehr.example%2Ffhir';
    followAuthorizeRedirect({ url, post: true });
    const form = document.querySelector('form')!;
    expect(submit).toHaveBeenCalledTimes(1);
    expect(form.method).toBe('post');
    expect(form.action).toBe('https://auth.example/authorize');
    const fields = Object.fromEntries([...form.querySelectorAll('input')].map((i) => [i.name, i.value]));
    expect(fields).toEqual({ client_id: 'app', code_challenge: 'abc', code_challenge_method: 'S256', state: 's1', aud: 'https://ehr.example/fhir' });
    expect([...form.querySelectorAll('input')].every((i) => i.type === 'hidden')).toBe(true);
  });

  it('targets the sign-in popup when given one', () => {
    vi.spyOn(HTMLFormElement.prototype, 'submit').mockImplementation(() => undefined);
    followAuthorizeRedirect({ url: 'https://auth.example/authorize?a=1', post: true }, document, 'smart-sign-in');
    expect(document.querySelector('form')!.target).toBe('smart-sign-in');
  });
});
