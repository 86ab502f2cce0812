// Stands in for uPlot in jsdom (no canvas): records what each chart was given. Use with
//   vi.mock('uplot', () => import('../../support/views/fakeUplot'));
export const instances: FakeUPlot[] = [];

export default class FakeUPlot {
  destroyed = false;
  size: { width: number; height: number };
  constructor(
    readonly opts: { width: number; height: number; series: { label?: string }[]; plugins?: unknown[] },
    readonly data: ArrayLike<number | null>[],
    readonly target: HTMLElement,
  ) {
    this.size = { width: opts.width, height: opts.height };
    instances.push(this);
  }
  setSize(size: { width: number; height: number }) {
    this.size = size;
  }
  setData(data: ArrayLike<number | null>[]) {
    (this as { data: ArrayLike<number | null>[] }).data = data;
  }
  destroy() {
    this.destroyed = true;
  }
}
