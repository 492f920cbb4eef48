// Scores our rules against the labelled KICS samples (a report, not a test: it always exits 0).
//
//   npm run score                  # corpus at ../shared/corpus/kics beside the checkout, or $KICS_CORPUS
//   npm run score -- --corpus <dir> --verbose
//
// A rule maps to KICS queries through its metadata, `equivalents.kics` (query UUIDs). The catalog comes
// from `node dist/cli.js rules --format json`; every sample file (positive*/negative*) is scanned with
// `node dist/cli.js scan <files> --format json`, naming the files explicitly so that they are analysed
// whatever their name. (While the CLI lacks either command, a runner over the engine stands in.)
//
// For each mapped query:
//  - recall: of the distinct (file, line) locations KICS expects on its positive samples, how many hold a
//    finding of a mapped rule. "exact" needs the same line; "within" also accepts a finding inside the
//    element KICS anchors to (KICS reports a multi-line RUN at its first line, we report the physical line
//    of the command; a Compose key's block, for a finding on one of its children). Recall counts "within".
//  - negatives: findings of a mapped rule on the query's negative samples (each one is a false positive
//    for the problem as KICS defines it).
import { spawnSync } from 'node:child_process'
import { existsSync, readFileSync } from 'node:fs'
import { join, relative, resolve, sep } from 'node:path'
import { cli, cliSupports, engineRunner, readReport, root } from './engine-fallback.mjs'

function option(name, fallback) {
  const at = process.argv.indexOf(name)
  return at >= 0 && process.argv[at + 1] !== undefined ? process.argv[at + 1] : fallback
}

// Default: the shared corpus beside the checkout (../shared/corpus/kics), as the tests look for it.
const corpus = resolve(option('--corpus', process.env.KICS_CORPUS ?? join(root, '..', 'shared', 'corpus', 'kics')))
const verbose = process.argv.includes('--verbose')

// ---------------------------------------------------------------------------------------------------
// Running the scanner
// ---------------------------------------------------------------------------------------------------

/** Runs the CLI (or the engine runner) and parses its JSON output. */
function runScanner(cliArgs, runnerArgs, cwd) {
  const useCli = cliSupports(cliArgs[0])
  const program = useCli ? cli : engineRunner()
  const args = useCli ? cliArgs : runnerArgs
  const child = spawnSync(process.execPath, [program, ...args], { cwd, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 })
  if (child.status !== 0 && child.status !== 1) {
    throw new Error(`${useCli ? 'dist/cli.js' : 'engine runner'} ${args.slice(0, 3).join(' ')} … exited ${child.status}: ${child.stderr.slice(0, 2000)}`)
  }
  return { output: child.stdout, source: useCli ? 'dist/cli.js' : 'engine runner (.bench/engine-runner: dist/cli.js is missing or lacks this command)' }
}

function loadCatalog() {
  const { output, source } = runScanner(['rules', '--format', 'json'], ['rules'], root)
  const parsed = JSON.parse(output)
  const rules = Array.isArray(parsed) ? parsed : parsed.rules ?? []
  return { rules, source }
}

function scanSamples(files) {
  const { output, source } = runScanner(['scan', ...files, '--format', 'json'], ['scan-files', corpus, ...files], corpus)
  return { findings: readReport(output).findings, source }
}

// ---------------------------------------------------------------------------------------------------
// Where KICS anchors: the element a finding may fall within
// ---------------------------------------------------------------------------------------------------

/** Lines (1-based) of each Dockerfile instruction, keyed by its first line. */
function dockerfileExtents(text) {
  const lines = text.split('\n')
  const extents = new Map()
  let escape = '\\'
  const directive = /^#\s*escape\s*=\s*(\S)/i.exec(lines[0] ?? '')
  if (directive) escape = directive[1]
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i].replace(/\r$/, '')
    if (/^\s*(#|$)/.test(line)) continue
    const start = i + 1
    let end = i
    // Continuation lines, and comment or blank lines inside them, belong to the instruction.
    while (end < lines.length - 1 && (continues(lines[end], escape) || (end > i && /^\s*(#|$)/.test(lines[end])))) end++
    const heredoc = /<<-?\s*["']?([A-Za-z_][A-Za-z0-9_]*)/.exec(lines.slice(i, end + 1).join('\n'))
    if (heredoc) {
      while (end < lines.length - 1 && lines[end].trim() !== heredoc[1]) end++
    }
    extents.set(start, end + 1)
    i = end
  }
  return extents
}

function continues(line, escape) {
  return line.replace(/\r$/, '').trimEnd().endsWith(escape) && !/^\s*#/.test(line)
}

/** The block of a YAML key or item on `line`: the lines below it that are indented more (or `- ` items at its level). */
function yamlExtent(lines, line) {
  const indentOf = (text) => text.length - text.trimStart().length
  const head = lines[line - 1] ?? ''
  const indent = indentOf(head)
  const opensBlock = /:\s*(#.*)?$/.test(head.trimEnd())
  let end = line
  for (let i = line; i < lines.length; i++) {
    const text = lines[i]
    if (text.trim() === '' || text.trimStart().startsWith('#')) continue
    const deeper = indentOf(text) > indent || (opensBlock && indentOf(text) === indent && text.trimStart().startsWith('- '))
    if (!deeper) break
    end = i + 1
  }
  return end
}

/** Does a finding on `foundLine` fall within the element KICS anchors to on `expectedLine`? */
function within(sample, expectedLine, foundLine) {
  if (foundLine === expectedLine) return true
  if (foundLine < expectedLine) return false
  if (sample.kind === 'dockerfile') {
    const end = sample.extents.get(expectedLine)
    return end !== undefined && foundLine <= end
  }
  return foundLine <= yamlExtent(sample.lines, expectedLine)
}

// ---------------------------------------------------------------------------------------------------
// Report
// ---------------------------------------------------------------------------------------------------

function pad(text, width) {
  const s = String(text)
  return s.length >= width ? s : s + ' '.repeat(width - s.length)
}

function table(header, rows) {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => String(r[i]).length)))
  const line = (cells) => cells.map((c, i) => pad(c, widths[i])).join('  ').trimEnd()
  return [line(header), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n')
}

function percent(part, whole) {
  return whole === 0 ? 'n/a' : `${((100 * part) / whole).toFixed(0)}%`
}

function main() {
  const indexFile = join(corpus, 'index.json')
  if (!existsSync(indexFile)) {
    console.log(`score: no KICS corpus at ${corpus} (index.json missing); nothing to score.`)
    return
  }
  const queries = JSON.parse(readFileSync(indexFile, 'utf8'))
  const queryById = new Map(queries.map((q) => [q.id, q]))
  const { rules, source: catalogSource } = loadCatalog()

  // Our rule -> KICS queries, and the reverse.
  const rulesByQuery = new Map()
  const unknownIds = []
  for (const rule of rules) {
    for (const id of rule.equivalents?.kics ?? []) {
      if (!queryById.has(id)) unknownIds.push(`${rule.id} -> ${id}`)
      if (!rulesByQuery.has(id)) rulesByQuery.set(id, [])
      rulesByQuery.get(id).push(rule.id)
    }
  }
  const mapped = queries.filter((q) => rulesByQuery.has(q.id))

  // Every sample of the mapped queries, scanned in one run.
  const samples = new Map()
  const folder = (q) => (q.kind === 'compose' ? 'compose' : 'dockerfile')
  const addSample = (q, file) => {
    const path = [folder(q), q.query, file].join('/')
    if (samples.has(path)) return samples.get(path)
    const text = readFileSync(join(corpus, path), 'utf8')
    const sample = { path, kind: q.kind, lines: text.split('\n'), extents: q.kind === 'dockerfile' ? dockerfileExtents(text) : undefined, findings: [] }
    samples.set(path, sample)
    return sample
  }
  for (const q of mapped) {
    for (const p of q.positives) addSample(q, p.file)
    for (const n of q.negatives) addSample(q, n)
  }
  let scanSource = 'nothing to scan'
  if (samples.size > 0) {
    const { findings, source } = scanSamples([...samples.keys()])
    scanSource = source
    for (const finding of findings) {
      const file = String(finding.file ?? '').replace(/\\/g, '/')
      const key = file.startsWith('/') ? relative(corpus, file).split(sep).join('/') : file.replace(/^\.\//, '')
      const sample = samples.get(key) ?? [...samples.values()].find((s) => key.endsWith('/' + s.path))
      if (sample) sample.findings.push(finding)
    }
  }

  console.log(`KICS corpus: ${corpus}`)
  console.log(`catalog: ${rules.length} rules from ${catalogSource}; scanned ${samples.size} samples with ${scanSource}`)
  console.log('')
  console.log('Mapping: our rule -> KICS queries')
  const mappingRows = rules
    .filter((r) => (r.equivalents?.kics ?? []).length > 0)
    .map((r) => [r.id, r.slug ?? '', r.equivalents.kics.map((id) => (queryById.has(id) ? `${queryById.get(id).query} (${id.slice(0, 8)})` : `unknown ${id}`)).join(', ')])
  console.log(mappingRows.length ? table(['rule', 'slug', 'KICS queries'], mappingRows) : '  (no rule lists KICS equivalents yet)')
  if (unknownIds.length) console.log(`\nwarning: KICS ids not in the corpus index: ${unknownIds.join('; ')}`)

  const rows = []
  const flagged = []
  const totals = { expected: 0, exact: 0, within: 0, negativeFindings: 0, negativeFiles: 0, negativeSamples: 0 }
  for (const q of mapped) {
    const ruleIds = new Set(rulesByQuery.get(q.id))
    const ours = (sample) => sample.findings.filter((f) => ruleIds.has(f.ruleId ?? f.rule ?? f.id))
    let expected = 0
    let exact = 0
    let inside = 0
    const missed = []
    for (const positive of q.positives) {
      const sample = addSample(q, positive.file)
      const found = ours(sample).map((f) => f.line)
      for (const line of [...new Set(positive.lines)]) {
        expected++
        if (found.includes(line)) exact++
        if (found.some((at) => within(sample, line, at))) inside++
        else missed.push(`${positive.file}:${line}`)
      }
    }
    let negativeFindings = 0
    let negativeFiles = 0
    const fired = []
    for (const negative of q.negatives) {
      const hits = ours(addSample(q, negative))
      negativeFindings += hits.length
      if (hits.length) {
        negativeFiles++
        fired.push(...hits.map((f) => `${negative}:${f.line} ${f.ruleId}`))
      }
    }
    totals.expected += expected
    totals.exact += exact
    totals.within += inside
    totals.negativeFindings += negativeFindings
    totals.negativeFiles += negativeFiles
    totals.negativeSamples += q.negatives.length
    const problems = []
    if (inside < expected) problems.push(`recall ${percent(inside, expected)}`)
    if (negativeFindings > 0) problems.push(`negatives firing ${negativeFindings}`)
    rows.push([
      q.kind,
      q.query,
      [...ruleIds].join(' '),
      `${exact}/${expected}`,
      `${inside}/${expected}`,
      percent(inside, expected),
      `${negativeFindings} in ${negativeFiles}/${q.negatives.length}`,
      problems.length ? '<<' : ''
    ])
    if (problems.length) {
      flagged.push(`  ${q.kind}/${q.query} (${[...ruleIds].join(', ')}): ${problems.join(', ')}` +
        (missed.length ? `\n      missed: ${missed.join(' ')}` : '') +
        (fired.length ? `\n      negatives: ${fired.slice(0, 12).join('; ')}${fired.length > 12 ? ' …' : ''}` : ''))
    }
    if (verbose) {
      for (const positive of q.positives) {
        const sample = addSample(q, positive.file)
        console.log(`  ${sample.path}: expected ${positive.lines.join(',')}; ours ${ours(sample).map((f) => `${f.ruleId}@${f.line}`).join(' ') || '-'}`)
      }
    }
  }

  console.log('')
  console.log(`Per mapped KICS query (${mapped.length} of ${queries.length} queries mapped)`)
  console.log(rows.length ? table(['kind', 'query', 'rules', 'exact', 'within', 'recall', 'negatives (findings in files)', ''], rows) : '  (none)')
  console.log('')
  console.log(
    `Totals: recall ${totals.within}/${totals.expected} = ${percent(totals.within, totals.expected)} ` +
      `(exact line ${totals.exact}/${totals.expected} = ${percent(totals.exact, totals.expected)}); ` +
      `negatives: ${totals.negativeFindings} findings in ${totals.negativeFiles} of ${totals.negativeSamples} negative samples`
  )
  for (const kind of ['dockerfile', 'compose']) {
    const ofKind = queries.filter((q) => q.kind === kind)
    const mappedOfKind = ofKind.filter((q) => rulesByQuery.has(q.id))
    console.log(`  ${kind}: ${mappedOfKind.length}/${ofKind.length} KICS queries mapped; unmapped: ${ofKind.filter((q) => !rulesByQuery.has(q.id)).map((q) => q.query).join(', ') || 'none'}`)
  }
  console.log('')
  if (flagged.length) {
    console.log(`Below 100% recall or with negatives firing (${flagged.length}):`)
    console.log(flagged.join('\n'))
  } else if (mapped.length) {
    console.log('Every mapped query: 100% recall, no negatives firing.')
  }
}

try {
  main()
} catch (error) {
  // A report: say what went wrong, never fail the caller.
  console.log(`score: could not complete: ${error instanceof Error ? error.message : String(error)}`)
}
process.exitCode = 0
