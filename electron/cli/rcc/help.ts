export const HELP = `rcc — release-control console compatibility checks, canary judgement, audit and snapshot verification

Usage:
  rcc check [FILE...] [--region URL --token-file FILE]... [--json]
  rcc what-if --action ACTION.json [FILE...] [--region URL --token-file FILE]... [--json]
  rcc plan [FILE...] [--region URL --token-file FILE]... [--json]
  rcc gate --train N|NAME --stage S [FILE...] [--region URL --token-file FILE]... [--judgements FILE] [--json]
  rcc judge BASELINE.json CANARY.json --signal error_rate|latency_p95|health [--json]
  rcc audit verify AUDIT.sqlite [--public-key KEY.pem] [--json]
  rcc audit export AUDIT.sqlite --format csv|jsonl [--since T]
  rcc snapshot verify FILE.rccsnap [--public-key KEY.pem] [--json]
  rcc snapshot diff A.rccsnap B.rccsnap [--json]
  rcc --help

Fleet state comes from JSON files (each a FleetState document or an array of them) and/or from
region endpoints: --region URL fetches URL/v1/fleet with "Authorization: Bearer <token>", the
token read from the --token-file given with it (or one token file for every region).

check     evaluates the compatibility rules: version window (at most 3 consecutive trains),
          peer skew (callers and callees at most 1 train apart), schema skew (schemas within
          1 train of the instances using them) and toggle minimum versions.
what-if   evaluates the rules after the action in ACTION.json:
            { "region": "eu-west", "action": { "type": "component.rollback", "component": "search", "toTrain": 46 } }
          action types: rollout.pause | rollout.resume | rollout.abort | rollout.step,
          component.rollback, schema.rollback, toggle.set.
plan      groups the violations by cause (the region, component or schema at a train, or the
          toggle, whose change resolves them) and searches the actions the protocol offers on what
          they involve — toggle off, rollout resume/abort, component and schema rollback — for the
          fewest steps that resolve the most, each judged on the fleet after the steps before it
          and none introducing a violation. It only proposes: run each step from the console.

gate      asks "may this train go to stage S?" — the pipeline step before each stage. GO only
          when (1) every stage gate before S passed and no gate of the train has a failed test
          (any failed gate blocks the train), (2) completing the train's rollouts in flight in
          the given regions (the what-if of resuming each, one after the other) introduces no
          violation, and (3) no canary judgement of the train is fail. Canary judgements come
          from --judgements FILE (a JSON array as the console's telemetry.judgements returns);
          without it that check is skipped and says so. Stages are ordered by when each train
          passed them. --train takes the index or the name (2026.47). Prints each reason.

judge     compares a canary's samples of one signal with its baseline's: each file is a JSON
          array of numbers (error ratios 0..1, latencies in seconds, health ratios 0..1). The
          two-sided Mann-Whitney U test (alpha 0.01) says whether they differ; the shift of the
          median in the bad direction says by how much: error ratio and latency relative to the
          baseline (marginal at +50 % / +25 %, fail at +100 % / +50 %; an error ratio must also rise
          by 0.002), health as an absolute drop (marginal 0.02, fail 0.05). A significant change
          below the marginal threshold passes. Also latency_p50 and latency_p99 (as latency).

audit     works on a copy of the console's audit store (audit.sqlite in its data directory),
          made while the console is closed; the copy is opened read-only.
          audit verify recomputes the hash chain and checks the signed checkpoints, naming the
          first bad entry and why; --public-key KEY.pem (from an export) pins the signing key,
          otherwise the key recorded in the file is used and its fingerprint printed.
          audit export writes the entries, oldest first, to stdout as CSV (RFC 4180) or JSON
          Lines, then the chain head, its signature, the public key and how to verify.

snapshot  works on a snapshot file the console wrote (read-only).
          snapshot verify checks, cheapest first: a SQLite file, a snapshot's, not truncated, the
          manifest against its SHA-256, every table against the manifest's SHA-256, and the audit
          entries it carries (their chain from a signed checkpoint to a signed head); it names the
          first check that fails. --public-key KEY.pem pins the audit signing key.
          snapshot diff compares A with B: connection states, live versions per component and
          region, toggles, violations appeared / resolved, signal means per version, and the
          audit entries between the two times (--json: all of it, as the console's compare).

Options:
  --json              print the verdict as JSON
  --region URL        a region endpoint (repeatable)
  --token-file FILE   bearer token for --region (repeatable, in the same order)
  --timeout-ms N      timeout of each --region request, headers and body (default 10000)
  --max-bytes N       largest input file or response body read (default 256MiB; also 512KiB, 1GiB)
  --max-problems N    most problems printed in all, then "… and K more problems" (default 20)
  --action FILE       the action for what-if
  --train N|NAME      gate: the train (index or name)
  --stage S           gate: the stage it would go to (e.g. production)
  --judgements FILE   gate: canary judgements to check (JSON array, as telemetry.judgements returns)
  --signal S          judge: error_rate, latency_p50, latency_p95, latency_p99 or health
  --public-key FILE   audit / snapshot verify: the Ed25519 public key (PEM) the checkpoints must verify with
  --format csv|jsonl  audit export: the output format
  --since T           audit export: entries at or after T (2026-11-01 or 2026-11-01T12:00:00Z)
  -h, --help          this help

Exit codes:
  0  compliant (check) / the action introduces no violations (what-if)
  1  violations found (check) / the action would introduce violations (what-if)
  2  bad input: unreadable, too large or invalid JSON, schema errors, ambiguous state (an id given
     twice, a version at two trains), undefined versions or trains

rcc plan: 0 compliant; 1 the plan resolves every violation; 3 it resolves only some (the rest
listed with why, e.g. "needs a release"); 2 bad input (as for check).

rcc gate: 0 go; 1 no-go (each reason printed); 2 bad input (as for check, or an unknown train or
stage, a missing --train or --stage, an invalid judgements file).

rcc judge: 0 pass; 1 fail; 3 marginal; 2 bad input (a missing, unreadable or too large file, not a
non-empty JSON array of finite numbers, an unknown or unjudged signal).

rcc audit verify: 0 intact; 1 tampered (the first bad entry and why), or entries after the last
signed checkpoint (a console that stopped without closing, or someone else appended); 2 not an
audit store, or unreadable. rcc audit export: 0 written; 2 not an audit store, unreadable, bad option.

rcc snapshot verify: 0 intact; 1 tampered, naming the failed check (truncated, corrupt, no-manifest,
manifest-hash, table-hash with the table, audit-chain, …); 2 not a snapshot (not SQLite, another
SQLite file), unreadable, or bad usage. rcc snapshot diff: 0 compared; 1 a file failed a check;
2 not a snapshot or bad usage.
`;
