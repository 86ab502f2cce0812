// The first Intl date formatter a page creates costs ~50 ms of main-thread time on this machine (ICU loads its
// locale data; later ones take well under 1 ms). The chart's date formatters are made when the UI's code runs,
// right on the critical path to the first screen; the callback page calls this while it waits for that code
// and the token, so the cost falls in time the main thread would spend idle.
export function warmIntl(): void {
  try {
    new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', year: 'numeric' }).format(0);
    new Intl.RelativeTimeFormat('en-GB', { numeric: 'always' }).format(-1, 'day');
  } catch {
    // no Intl: the UI's own formatters will say so where they are used
  }
}
