import { checkSync } from 'recheck'

/**
 * Runs recheck on regular expressions, outside Jest: recheck's Scala.js build runs about five times slower
 * inside Jest's VM modules. Reads a JSON array of { source, flags } on stdin and writes the array of their
 * verdicts on stdout (see Verdict in regex-linear.test.ts). Used by __tests__/security/regex-linear.test.ts.
 *
 * recheck (npm), run with its pure-JavaScript backend: no Java, no native binary, no network, the same
 * verdict on every machine. `RECHECK_SYNC_BACKEND=pure` makes `checkSync` run the Scala.js build in this
 * thread (its default, `synckit`, starts a worker that itself looks for the native binary or Java first).
 */
process.env.RECHECK_SYNC_BACKEND = 'pure'
process.env.RECHECK_BACKEND = 'pure'

/**
 * No time limit anywhere: a verdict must not depend on how loaded the machine is. The automaton checker
 * decides from the expression's structure (ambiguity of its NFA); the fuzz checker's limits are counts of
 * matching steps, and its random generator has a fixed seed.
 */
const AUTOMATON = { checker: 'automaton', timeout: null }
const FUZZ = {
  checker: 'fuzz',
  timeout: null,
  incubationTimeout: null,
  attackTimeout: null,
  seedingTimeout: null,
  recallTimeout: null,
  randomSeed: 0
}

/**
 * recheck's verdict on one expression. The automaton checker first, on the expression with its large
 * counted repetitions relaxed (`relaxBounds`): it proves linearity when it answers `safe`. When it cannot
 * analyse the expression (look-around, back-references) the fuzz checker runs on the original; `safe` from
 * fuzzing is evidence, not proof, which the caller must weigh (`checker: 'fuzz'`).
 */
export function verdict(source, flags) {
  const relaxed = relaxBounds(source)
  let result = run(relaxed, flags, AUTOMATON)
  // Relaxing only adds ways to match: a relaxed `vulnerable` (or `unsupported`) is tried on the original.
  if (relaxed !== source && result.status !== 'safe') {
    const original = run(source, flags, AUTOMATON)
    if (original.status !== 'unknown' || result.status === 'unknown') result = original
  }
  if (result.status === 'unknown' && /unsupported/.test(result.error)) result = run(source, flags, FUZZ)
  return { ...result, relaxed: relaxed !== source }
}

function run(source, flags, params) {
  let d
  try {
    d = checkSync(source, flags, params)
  } catch (error) {
    // recheck's automaton overflows the stack on very large expanded repetitions.
    return { status: 'unknown', error: `crash: ${error instanceof Error ? error.message : String(error)}` }
  }
  if (d.status === 'safe') return { status: 'safe', checker: d.checker, complexity: d.complexity.summary }
  if (d.status === 'vulnerable') {
    const pump = d.attack.pumps[0] ?? { prefix: '', pump: '', bias: 0 }
    return {
      status: 'vulnerable',
      checker: d.checker,
      complexity: d.complexity.summary,
      attack: { pattern: d.attack.pattern, prefix: pump.prefix, pump: pump.pump, suffix: d.attack.suffix }
    }
  }
  return { status: 'unknown', error: `${d.error.kind}${'message' in d.error ? `: ${d.error.message}` : ''}` }
}

/** Counted repetitions above this are relaxed before the automaton check (recheck's own maxRepeatCount is 30). */
const RELAX_ABOVE = 30

/**
 * The expression with every counted repetition `{m,n}` whose bounds exceed RELAX_ABOVE replaced by `*`
 * (m = 0) or `+`. recheck expands counted repetitions into copies of their body: `{0,4096}` makes an NFA
 * it cannot analyse (it times out or overflows the stack). The relaxed expression matches in every way the
 * original does (each path through `X{m,n}` is a path through `X*` or `X+`) and more, so it is at least as
 * ambiguous: when it is linear, so is the original. Escapes and character classes are left alone.
 */
export function relaxBounds(source) {
  let out = ''
  let inClass = false
  for (let i = 0; i < source.length; i++) {
    const char = source[i]
    if (char === '\\') {
      out += source.slice(i, i + 2)
      i++
      continue
    }
    if (inClass) {
      if (char === ']') inClass = false
      out += char
      continue
    }
    if (char === '[') {
      inClass = true
      out += char
      continue
    }
    if (char === '{') {
      const match = /^\{(\d+)(?:(,)(\d*))?\}/.exec(source.slice(i, i + 24))
      if (match) {
        const min = Number(match[1])
        const max = match[2] === undefined ? min : match[3] === '' ? Infinity : Number(match[3])
        if (max > RELAX_ABOVE || min > RELAX_ABOVE) {
          out += min === 0 ? '*' : '+'
          i += match[0].length - 1
          continue
        }
      }
    }
    out += char
  }
  return out
}

if (process.argv[1] && import.meta.url.endsWith(process.argv[1].split('/').pop())) {
  let input = ''
  process.stdin.setEncoding('utf8')
  process.stdin.on('data', (chunk) => (input += chunk))
  process.stdin.on('end', () => {
    const verdicts = JSON.parse(input).map(({ source, flags }) => verdict(source, flags))
    process.stdout.write(JSON.stringify(verdicts))
  })
}
