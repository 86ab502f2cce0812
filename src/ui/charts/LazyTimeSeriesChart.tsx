import { Suspense } from 'react';
import { lazyWithRetry } from '../../lib/lazyWithRetry';
import { ErrorBoundary } from '../ErrorBoundary';
import { SkeletonBlock } from '../Skeleton';
import type { TimeSeriesChartProps } from './types';

const TimeSeriesChart = lazyWithRetry(() => import('./TimeSeriesChart'));

/** The chart, loaded on first use; the same height is reserved while it loads, so nothing below it moves. */
export function LazyTimeSeriesChart(props: TimeSeriesChartProps) {
  return (
    <ErrorBoundary fallback={<p className="chart-fallback" style={{ minHeight: props.height }}>The chart could not be drawn. The readings are in the table.</p>}>
      <Suspense fallback={<SkeletonBlock height={props.height} label="Loading chart" />}>
        <TimeSeriesChart {...props} />
      </Suspense>
    </ErrorBoundary>
  );
}
