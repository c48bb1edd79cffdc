export interface DatabaseGroupSpec {
  id: string;
  name: string;
  usedBy: string[];
  /** Per-tenant groups hold one database per tenant; shared groups hold a fixed number of shards. */
  layout: { perTenant: true } | { perTenant: false; shards: number };
  /** Prefix of the opaque schema version string, e.g. `pix-V412`. */
  schemaPrefix: string;
}

export const DATABASE_GROUPS: readonly DatabaseGroupSpec[] = [
  { id: 'patient-index-db', name: 'Patient index', usedBy: ['patient-index', 'hl7-processor'], layout: { perTenant: true }, schemaPrefix: 'pix' },
  { id: 'document-meta-db', name: 'Document metadata', usedBy: ['document-store', 'ingest-worker', 'retention-worker'], layout: { perTenant: true }, schemaPrefix: 'doc' },
  { id: 'scheduling-db', name: 'Scheduling', usedBy: ['scheduling'], layout: { perTenant: true }, schemaPrefix: 'sch' },
  { id: 'consent-db', name: 'Consent', usedBy: ['consent', 'consent-sync'], layout: { perTenant: true }, schemaPrefix: 'cns' },
  { id: 'orders-db', name: 'Orders', usedBy: ['orders'], layout: { perTenant: true }, schemaPrefix: 'ord' },
  { id: 'results-db', name: 'Results', usedBy: ['results', 'hl7-processor'], layout: { perTenant: true }, schemaPrefix: 'res' },
  { id: 'imaging-meta-db', name: 'Imaging metadata', usedBy: ['imaging', 'dicom-router'], layout: { perTenant: true }, schemaPrefix: 'img' },
  { id: 'audit-db', name: 'Audit', usedBy: ['audit', 'audit-archiver'], layout: { perTenant: true }, schemaPrefix: 'aud' },
  { id: 'identity-db', name: 'Identity', usedBy: ['auth-service', 'identity-store'], layout: { perTenant: false, shards: 6 }, schemaPrefix: 'idn' },
  { id: 'terminology-db', name: 'Terminology', usedBy: ['terminology'], layout: { perTenant: false, shards: 3 }, schemaPrefix: 'trm' },
  { id: 'reporting-db', name: 'Reporting warehouse', usedBy: ['reporting'], layout: { perTenant: false, shards: 8 }, schemaPrefix: 'rpt' },
  { id: 'notification-db', name: 'Notifications', usedBy: ['notification', 'notification-dispatcher'], layout: { perTenant: false, shards: 4 }, schemaPrefix: 'ntf' },
  { id: 'prescriptions-db', name: 'Prescriptions', usedBy: ['prescriptions'], layout: { perTenant: false, shards: 12 }, schemaPrefix: 'rx' },
  { id: 'referrals-db', name: 'Referrals', usedBy: ['referrals'], layout: { perTenant: false, shards: 6 }, schemaPrefix: 'ref' },
  { id: 'billing-db', name: 'Billing bridge', usedBy: ['billing-bridge'], layout: { perTenant: false, shards: 4 }, schemaPrefix: 'bil' },
];
