import type { Fault } from '../../scripts/runner-stand-in.mjs'

/**
 * The fault matrix of the end-to-end tests, as data: every GitHub call the Action makes on a pull request,
 * every way it can fail, once (a blip) or for good, and what the Action must then do. The test runs it;
 * docs/action.md shows it (faultTable renders it, and a test checks the doc holds exactly that table).
 */

export type Setup = 'create' | 'update'

export interface ApiCall {
  name: string
  method: string
  path: RegExp
  /** 'create': no comment yet, the run posts one; 'update': two copies of ours exist, the run updates one and deletes the other. */
  setup: Setup
}

/** The calls, in the order a run makes them. */
export const CALLS: ApiCall[] = [
  { name: 'files listing', method: 'GET', path: /\/pulls\/\d+\/files$/, setup: 'create' },
  { name: 'contents (base)', method: 'GET', path: /\/contents\//, setup: 'create' },
  { name: 'comments list', method: 'GET', path: /\/issues\/\d+\/comments$/, setup: 'create' },
  { name: 'viewer (GraphQL)', method: 'POST', path: /^\/graphql$/, setup: 'update' },
  { name: 'create comment', method: 'POST', path: /\/issues\/\d+\/comments$/, setup: 'create' },
  { name: 'update comment', method: 'PATCH', path: /\/issues\/comments\/\d+$/, setup: 'update' },
  { name: 'delete comment', method: 'DELETE', path: /\/issues\/comments\/\d+$/, setup: 'update' }
]

export interface FaultKind {
  name: string
  /** The fault on one call; `after`: GitHub carries a write out and only the answer is lost. */
  fault: (call: ApiCall, times: number) => Fault
  /** Attempts of one request when the fault lasts (the first try and the retries). */
  attempts: number
  /** A 4xx other than 429 is an answer: retrying cannot change it. */
  transient: boolean
}

const SECONDARY = 'You have exceeded a secondary rate limit. Please wait a few minutes before you try again.'
const lostOnWrite = (call: ApiCall) => call.method !== 'GET'

export const FAULTS: FaultKind[] = [
  { name: '403', fault: (c, times) => ({ method: c.method, path: c.path, times, status: 403, message: 'Resource not accessible by integration' }), attempts: 1, transient: false },
  { name: '404', fault: (c, times) => ({ method: c.method, path: c.path, times, status: 404, message: 'Not Found' }), attempts: 1, transient: false },
  { name: '422', fault: (c, times) => ({ method: c.method, path: c.path, times, status: 422, message: 'Validation Failed' }), attempts: 1, transient: false },
  { name: '500', fault: (c, times) => ({ method: c.method, path: c.path, times, status: 500, message: 'Internal Server Error' }), attempts: 4, transient: true },
  { name: '502', fault: (c, times) => ({ method: c.method, path: c.path, times, status: 502, message: 'Bad Gateway' }), attempts: 4, transient: true },
  { name: 'connection reset', fault: (c, times) => ({ method: c.method, path: c.path, times, kind: 'reset', after: lostOnWrite(c) }), attempts: 4, transient: true },
  { name: 'timeout', fault: (c, times) => ({ method: c.method, path: c.path, times, kind: 'timeout', after: lostOnWrite(c) }), attempts: 4, transient: true },
  {
    name: 'secondary rate limit (403, retry-after)',
    fault: (c, times) => ({ method: c.method, path: c.path, times, status: 403, message: SECONDARY, headers: { 'retry-after': '2' } }),
    attempts: 3,
    transient: true
  },
  {
    name: '429 (retry-after)',
    fault: (c, times) => ({ method: c.method, path: c.path, times, status: 429, message: SECONDARY, headers: { 'retry-after': '2' } }),
    attempts: 3,
    transient: true
  }
]

export type Verdict = 'same' | 'fail closed'

export interface Expected {
  verdict: Verdict
  /** Comments of ours on the pull request afterwards. */
  comments: number
  /** A notice that explains what failed (none when nothing the reader needs to know failed). */
  note?: RegExp
  /** What the table says happens. */
  outcome: string
}

export interface FaultScenario {
  id: string
  call: ApiCall
  kind: FaultKind
  /** 'once': the first attempt fails; 'for good': every attempt does. */
  lasting: 'once' | 'for good'
  expected: Expected
}

const NOT_POSTED = /^The pull request comment could not be posted \(/

/** What must happen when `call` fails with `kind` for good. */
function forGood(call: ApiCall, kind: FaultKind): Expected {
  const lost = kind.name === 'connection reset' || kind.name === 'timeout'
  switch (call.name) {
    case 'files listing':
      return { verdict: 'same', comments: 1, note: /^The files this pull request changes could not be listed \(.*\): every matching file was scanned\.$/, outcome: 'every matching file scanned (a superset), base still read: same verdict; notice' }
    case 'contents (base)':
      return kind.name === '404'
        ? { verdict: 'fail closed', comments: 1, outcome: 'the file reads as absent from the base: its findings count as new (fail closed)' }
        : { verdict: 'fail closed', comments: 1, note: /^The base version \(b{12}\) could not be read \(.*\): every finding counts as new\.$/, outcome: 'no baseline: every finding counts as new (fail closed); notice' }
    case 'comments list':
      return { verdict: 'same', comments: 0, note: NOT_POSTED, outcome: 'no comment posted (none could be found to update); notice' }
    case 'viewer (GraphQL)':
      return { verdict: 'same', comments: 1, outcome: 'comments by github-actions[bot] taken as ours: same as healthy' }
    case 'create comment':
      return lost
        ? { verdict: 'same', comments: 1, outcome: 'every attempt created a copy: the list after it finds them, the oldest kept' }
        : { verdict: 'same', comments: 0, note: NOT_POSTED, outcome: 'no comment; notice' }
    case 'update comment':
      return lost
        ? { verdict: 'same', comments: 2, note: NOT_POSTED, outcome: 'the update got through unconfirmed; the duplicate stays; notice' }
        : { verdict: 'same', comments: 2, note: NOT_POSTED, outcome: 'the comment keeps its old text; the duplicate stays; notice' }
    default:
      // A 404 means the duplicate is gone already: nothing to say.
      if (kind.name === '404') return { verdict: 'same', comments: 2, outcome: 'taken as already deleted (by a racing run): no notice' }
      return lost
        ? { verdict: 'same', comments: 1, note: /^A duplicate pull request comment could not be deleted \(/, outcome: 'the delete got through but was not confirmed; notice' }
        : { verdict: 'same', comments: 2, note: /^A duplicate pull request comment could not be deleted \(/, outcome: 'comment updated, the duplicate stays; notice' }
  }
}

export const SCENARIOS: FaultScenario[] = CALLS.flatMap((call) =>
  FAULTS.flatMap((kind) => {
    const slug = (s: string) => s.replace(/[^a-z0-9]+/gi, '-').replace(/^-|-$/g, '')
    const lasting: FaultScenario[] = [{ id: `${slug(call.name)}:${slug(kind.name)}:for-good`, call, kind, lasting: 'for good', expected: forGood(call, kind) }]
    if (kind.transient) {
      lasting.unshift({
        id: `${slug(call.name)}:${slug(kind.name)}:once`,
        call,
        kind,
        lasting: 'once',
        expected: { verdict: 'same', comments: 1, outcome: 'retried: same as healthy' }
      })
    }
    return lasting
  })
)

/** The fault for a scenario: once, or more times than any retry budget. */
export function faultOf(scenario: FaultScenario): Fault {
  return scenario.kind.fault(scenario.call, scenario.lasting === 'once' ? 1 : 1000)
}

/** The table for docs/action.md: one row per call and fault, both durations. */
export function faultTable(): string {
  const rows = CALLS.flatMap((call) =>
    FAULTS.map((kind) => {
      const cell = (lasting: 'once' | 'for good') => SCENARIOS.find((s) => s.call === call && s.kind === kind && s.lasting === lasting)
      const once = cell('once')
      const good = cell('for good')!
      const exit = good.expected.verdict === 'same' ? 'same as healthy' : '**fail closed**'
      return `| ${call.name} | ${kind.name} | ${once ? once.expected.outcome : 'not retried (an answer)'} | ${kind.attempts} | ${exit} | ${good.expected.outcome} |`
    })
  )
  return ['| Call | Fault | Once | Attempts when it lasts | Verdict when it lasts | When it lasts |', '|:--|:--|:--|--:|:--|:--|', ...rows].join('\n')
}
