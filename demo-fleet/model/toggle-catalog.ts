export interface ToggleSpec {
  key: string;
  description: string;
  /** Component whose version gates the toggle, and the gating train relative to the current one. */
  gate: { component: string; trainOffset: -2 | -1 | 0 | 1 } | null;
  /** Kept dormant (shipped, not yet released) regardless of versions. */
  dormant?: boolean;
}

export const TOGGLES: readonly ToggleSpec[] = [
  { key: 'viewer.v2-layout', description: 'New document viewer layout', gate: { component: 'clinician-portal', trainOffset: -2 } },
  { key: 'fhir.r5-endpoints', description: 'Serve FHIR R5 read endpoints', gate: { component: 'fhir-gateway', trainOffset: -1 } },
  { key: 'fhir.bulk-export', description: 'FHIR bulk data export ($export)', gate: { component: 'fhir-gateway', trainOffset: -2 } },
  { key: 'search.federated', description: 'Cross-region federated search', gate: { component: 'search-federation', trainOffset: -1 } },
  { key: 'consent.v3-engine', description: 'Consent policy engine v3', gate: { component: 'consent', trainOffset: 0 } },
  { key: 'imaging.hte-compression', description: 'HTJ2K compression for new studies', gate: { component: 'imaging', trainOffset: 1 }, dormant: true },
  { key: 'documents.dedupe-on-ingest', description: 'Deduplicate documents at ingest', gate: { component: 'ingest-worker', trainOffset: -1 } },
  { key: 'patient-index.probabilistic-match', description: 'Probabilistic patient matching', gate: { component: 'patient-index', trainOffset: 0 } },
  { key: 'scheduling.self-service', description: 'Patient self-service booking', gate: { component: 'scheduling', trainOffset: -2 } },
  { key: 'notifications.sms', description: 'SMS appointment reminders', gate: { component: 'notification-dispatcher', trainOffset: -1 } },
  { key: 'portal.dark-mode', description: 'Dark mode for the patient portal', gate: null },
  { key: 'audit.stream-export', description: 'Stream audit events to the SIEM', gate: { component: 'audit-archiver', trainOffset: 0 } },
  { key: 'results.critical-alerts', description: 'Push alerts for critical results', gate: { component: 'results', trainOffset: -1 } },
  { key: 'ai.document-summary', description: 'AI summary of long documents (beta)', gate: { component: 'document-store', trainOffset: 1 }, dormant: true },
  { key: 'hl7.v2-8-parser', description: 'HL7 v2.8 parser', gate: { component: 'hl7-processor', trainOffset: 0 } },
  { key: 'reporting.async-exports', description: 'Asynchronous report exports', gate: null, dormant: true },
  // Last, so adding it left every earlier toggle's draw unchanged. Gates the previous train of
  // document-store: the first response the bad-canary alert suggests is to turn it off.
  { key: 'documents.streamed-upload', description: 'Streamed upload of large documents', gate: { component: 'document-store', trainOffset: -1 } },
];
