import type { Component, Dependency } from '../../shared/protocol/index.ts';

type Tier = Component['tier'];

export interface DependencySpec {
  to: string;
  kind: Dependency['kind'];
  /** Callers in one region reach this callee in every region (replication, search federation). */
  crossRegion?: boolean;
}

/**
 * A declared compatibility range every version of the component carries for one callee, relative
 * to the version's own train: from `below` trains behind it to `above` trains ahead.
 */
export interface DeclaredCalleeSpec {
  callee: string;
  below: number;
  above: number;
}

/** How a component numbers its versions; the point is that none of them sorts like the trains. */
export type VersionScheme = 'semver' | 'calver' | 'rebased';

export interface ComponentSpec {
  id: string;
  name: string;
  tier: Tier;
  /** Relative instance count. */
  weight: number;
  deps: DependencySpec[];
  /** Declared ranges wider (or narrower) than ±1 for some callees. */
  declares?: DeclaredCalleeSpec[];
  /** Regions that run it; all when absent. */
  regions?: string[];
  scheme?: VersionScheme;
  /** Requests per second per instance at the daily peak (0 for pure consumers). */
  peakRps: number;
  /** Median latency in seconds at low load. */
  p50: number;
}

const http = (to: string): DependencySpec => ({ to, kind: 'http' });
const queue = (to: string): DependencySpec => ({ to, kind: 'queue' });
const stream = (to: string): DependencySpec => ({ to, kind: 'event-stream' });

/**
 * The search index is pinned a train behind `previous` (a slow reindex); search and the index
 * builder declare they work with index trains from three behind their own to one ahead, so steady
 * shows declared exceptions rather than violations.
 */
export const PINNED_SEARCH_INDEX = { component: 'search-index', trainsBehindPrevious: 1 } as const;
const SEARCH_INDEX_RANGE: DeclaredCalleeSpec = { callee: PINNED_SEARCH_INDEX.component, below: 3, above: 1 };

/** A clinical-archive platform: portals → gateways → services → stores, plus queue/stream workers. */
export const CATALOG: readonly ComponentSpec[] = [
  // ui
  { id: 'clinician-portal', name: 'Clinician portal', tier: 'ui', weight: 6, deps: [http('api-gateway')], peakRps: 40, p50: 0.03 },
  { id: 'patient-portal', name: 'Patient portal', tier: 'ui', weight: 6, deps: [http('api-gateway')], peakRps: 55, p50: 0.03 },
  { id: 'admin-console', name: 'Admin console', tier: 'ui', weight: 1, deps: [http('api-gateway')], peakRps: 4, p50: 0.04 },
  { id: 'image-viewer', name: 'Image viewer', tier: 'ui', weight: 3, deps: [http('api-gateway'), http('dicom-gateway')], peakRps: 20, p50: 0.05 },
  // gateways
  {
    id: 'api-gateway', name: 'API gateway', tier: 'gateway', weight: 14, peakRps: 180, p50: 0.045,
    deps: ['auth-service', 'patient-index', 'document-store', 'search', 'imaging', 'consent', 'scheduling', 'audit', 'notification', 'reporting', 'orders', 'results'].map(http),
  },
  {
    id: 'fhir-gateway', name: 'FHIR gateway', tier: 'gateway', weight: 8, peakRps: 120, p50: 0.06,
    deps: ['auth-service', 'patient-index', 'document-store', 'consent', 'audit', 'terminology', 'results'].map(http),
  },
  { id: 'dicom-gateway', name: 'DICOM gateway', tier: 'gateway', weight: 4, deps: ['auth-service', 'imaging', 'audit'].map(http), peakRps: 35, p50: 0.09, scheme: 'calver' },
  // services
  { id: 'auth-service', name: 'Auth service', tier: 'service', weight: 6, deps: [http('identity-store'), http('session-cache'), queue('audit-queue')], peakRps: 150, p50: 0.012 },
  { id: 'patient-index', name: 'Master patient index', tier: 'service', weight: 10, deps: [http('session-cache'), queue('audit-queue'), stream('event-bus')], peakRps: 90, p50: 0.025, scheme: 'rebased' },
  { id: 'document-store', name: 'Document store', tier: 'service', weight: 10, deps: [http('blob-store'), queue('audit-queue'), stream('event-bus')], peakRps: 70, p50: 0.08 },
  {
    id: 'search', name: 'Search', tier: 'service', weight: 6, deps: [http('search-index'), http('consent')], peakRps: 60, p50: 0.11,
    declares: [SEARCH_INDEX_RANGE],
  },
  {
    id: 'search-federation', name: 'Search federation', tier: 'service', weight: 2, peakRps: 12, p50: 0.35,
    deps: [{ to: 'search', kind: 'http', crossRegion: true }],
  },
  { id: 'imaging', name: 'Imaging', tier: 'service', weight: 6, deps: [http('blob-store'), queue('audit-queue'), stream('event-bus')], peakRps: 30, p50: 0.15, regions: ['us-east', 'eu-west', 'ca-central'] },
  { id: 'consent', name: 'Consent', tier: 'service', weight: 4, deps: [queue('audit-queue')], peakRps: 80, p50: 0.015 },
  { id: 'audit', name: 'Audit', tier: 'service', weight: 4, deps: [queue('audit-queue')], peakRps: 40, p50: 0.02 },
  { id: 'scheduling', name: 'Scheduling', tier: 'service', weight: 4, deps: [http('patient-index'), http('consent'), queue('notification-queue')], peakRps: 25, p50: 0.05 },
  { id: 'notification', name: 'Notification', tier: 'service', weight: 2, deps: [queue('notification-queue')], peakRps: 15, p50: 0.03 },
  { id: 'reporting', name: 'Reporting', tier: 'service', weight: 2, deps: [http('search'), http('document-store')], peakRps: 5, p50: 0.6 },
  { id: 'terminology', name: 'Terminology', tier: 'service', weight: 2, deps: [http('session-cache')], peakRps: 60, p50: 0.01 },
  { id: 'orders', name: 'Orders', tier: 'service', weight: 4, deps: [http('patient-index'), http('scheduling'), http('consent'), stream('event-bus')], peakRps: 20, p50: 0.06 },
  { id: 'results', name: 'Results', tier: 'service', weight: 4, deps: [http('patient-index'), http('document-store'), stream('event-bus')], peakRps: 30, p50: 0.05 },
  { id: 'prescriptions', name: 'Prescriptions', tier: 'service', weight: 3, deps: [http('patient-index'), http('consent'), http('terminology')], peakRps: 18, p50: 0.05, regions: ['us-east', 'ca-central', 'eu-west'] },
  { id: 'referrals', name: 'Referrals', tier: 'service', weight: 2, deps: [http('patient-index'), http('document-store'), queue('notification-queue')], peakRps: 8, p50: 0.07 },
  { id: 'billing-bridge', name: 'Billing bridge', tier: 'service', weight: 2, deps: [http('patient-index'), queue('audit-queue')], peakRps: 6, p50: 0.09, regions: ['us-east', 'ca-central'] },
  // workers
  { id: 'ingest-worker', name: 'Ingest worker', tier: 'worker', weight: 6, deps: [stream('event-bus'), http('document-store'), http('patient-index')], peakRps: 25, p50: 0.2 },
  { id: 'hl7-listener', name: 'HL7 listener', tier: 'worker', weight: 3, deps: [queue('hl7-queue')], peakRps: 45, p50: 0.008 },
  { id: 'hl7-processor', name: 'HL7 processor', tier: 'worker', weight: 4, deps: [queue('hl7-queue'), http('patient-index'), http('results')], peakRps: 40, p50: 0.04 },
  { id: 'dicom-router', name: 'DICOM router', tier: 'worker', weight: 3, deps: [http('imaging'), queue('audit-queue')], peakRps: 10, p50: 0.3, regions: ['us-east', 'eu-west', 'ca-central'] },
  {
    id: 'index-builder', name: 'Search index builder', tier: 'worker', weight: 3, deps: [stream('event-bus'), http('search-index')], peakRps: 20, p50: 0.05,
    declares: [SEARCH_INDEX_RANGE],
  },
  { id: 'thumbnail-worker', name: 'Thumbnail worker', tier: 'worker', weight: 2, deps: [stream('event-bus'), http('blob-store')], peakRps: 6, p50: 0.4 },
  { id: 'audit-archiver', name: 'Audit archiver', tier: 'worker', weight: 2, deps: [queue('audit-queue'), http('blob-store')], peakRps: 30, p50: 0.02 },
  {
    id: 'replication-agent', name: 'Replication agent', tier: 'worker', weight: 2, peakRps: 15, p50: 0.12,
    deps: [stream('event-bus'), { to: 'document-store', kind: 'http', crossRegion: true }],
  },
  { id: 'retention-worker', name: 'Retention worker', tier: 'worker', weight: 1, deps: [http('document-store'), http('audit')], peakRps: 2, p50: 0.25 },
  { id: 'notification-dispatcher', name: 'Notification dispatcher', tier: 'worker', weight: 2, deps: [queue('notification-queue')], peakRps: 12, p50: 0.05 },
  { id: 'ocr-worker', name: 'OCR worker', tier: 'worker', weight: 2, deps: [stream('event-bus'), http('document-store')], peakRps: 3, p50: 1.2, scheme: 'calver' },
  { id: 'consent-sync', name: 'Consent sync', tier: 'worker', weight: 1, deps: [stream('event-bus'), http('consent')], peakRps: 4, p50: 0.03 },
  // stores
  { id: 'identity-store', name: 'Identity store', tier: 'store', weight: 3, deps: [], peakRps: 100, p50: 0.004 },
  { id: 'session-cache', name: 'Session cache', tier: 'store', weight: 4, deps: [], peakRps: 400, p50: 0.001 },
  { id: 'blob-store', name: 'Blob store gateway', tier: 'store', weight: 5, deps: [], peakRps: 90, p50: 0.02 },
  { id: 'search-index', name: 'Search index', tier: 'store', weight: 5, deps: [], peakRps: 70, p50: 0.03 },
  { id: 'event-bus', name: 'Event bus', tier: 'store', weight: 4, deps: [], peakRps: 300, p50: 0.003 },
  { id: 'audit-queue', name: 'Audit queue', tier: 'store', weight: 2, deps: [], peakRps: 250, p50: 0.002 },
  { id: 'hl7-queue', name: 'HL7 queue', tier: 'store', weight: 2, deps: [], peakRps: 120, p50: 0.002 },
  { id: 'notification-queue', name: 'Notification queue', tier: 'store', weight: 1, deps: [], peakRps: 40, p50: 0.002 },
];

export function componentsInRegion(regionId: string): ComponentSpec[] {
  return CATALOG.filter((c) => !c.regions || c.regions.includes(regionId));
}

export function componentSpec(id: string): ComponentSpec {
  const spec = CATALOG.find((c) => c.id === id);
  if (!spec) throw new Error(`unknown demo component: ${id}`);
  return spec;
}
