import type { TrafficReport } from '../book.js';
import { jsonTraffic } from './json.js';
import { junitTraffic } from './junit.js';
import { markdownTraffic } from './markdown.js';
import { prettyTraffic } from './pretty.js';

export const TRAFFIC_REPORTERS = { pretty: prettyTraffic, json: jsonTraffic, junit: junitTraffic, markdown: markdownTraffic } as const;
export type TrafficReporter = keyof typeof TRAFFIC_REPORTERS;

export const renderTraffic = (name: TrafficReporter, report: TrafficReport): string => TRAFFIC_REPORTERS[name](report);
