export const HELP = `rcc — release-control console compatibility checks

Usage:
  rcc check [FILE...] [--region URL --token-file FILE]... [--json]
  rcc what-if --action ACTION.json [FILE...] [--region URL --token-file FILE]... [--json]
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

Options:
  --json              print the verdict as JSON
  --region URL        a region endpoint (repeatable)
  --token-file FILE   bearer token for --region (repeatable, in the same order)
  --timeout-ms N      timeout of each --region request, headers and body (default 10000)
  --max-bytes N       largest input file or response body read (default 256MiB; also 512KiB, 1GiB)
  --max-problems N    most problems printed in all, then "… and K more problems" (default 20)
  --action FILE       the action for what-if
  -h, --help          this help

Exit codes:
  0  compliant (check) / the action introduces no violations (what-if)
  1  violations found (check) / the action would introduce violations (what-if)
  2  bad input: unreadable, too large or invalid JSON, schema errors, ambiguous state (an id given
     twice, a version at two trains), undefined versions or trains
`;
