// Lets tests hand the lazily loaded chart their own QueryClient. Type-only import: the first screen (launch,
// callback, server picker) does not load React Query at all.
import { createContext } from 'react';
import type { QueryClient } from '@tanstack/react-query';

export const ChartQueryClientContext = createContext<QueryClient | null>(null);
