import { unwrap, SHELLS, type Command, type Pipeline } from '../../shell/analyze.js'
import { wordRange, type DockerfileRule } from '../rule.js'

const FIX = 'Start the RUN with set -o pipefail (bash, BusyBox ash, recent dash), or set SHELL ["/bin/bash", "-o", "pipefail", "-c"] before it.'

export const DF019: DockerfileRule = {
  id: 'DF019',
  slug: 'pipefail-missing',
  title: 'Pipeline failure masked (no pipefail)',
  severity: 'low',
  principles: ['P3'],
  rationale:
    'A pipeline returns the status of its last command: when curl fails in "curl … | tar x", the RUN still succeeds and the image is built without what it was meant to contain.',
  fix: FIX,
  equivalents: { hadolint: ['DL4006'], kics: ['efbf148a-67e9-42d2-ac47-02fa1c0d0b22'] },
  check(model, report) {
    for (const instruction of model.instructions) {
      if ((instruction.keyword !== 'RUN' && instruction.keyword !== 'ONBUILD') || instruction.pipefail) continue
      const script = instruction.script
      if (!script || script.form !== 'shell') continue
      const seen = new Set<Pipeline>()
      const protection = pipefailProtection(script.commands)
      for (const command of script.commands) {
        const pipeline = command.pipeline
        if (!pipeline || seen.has(pipeline)) continue
        seen.add(pipeline)
        if (pipeline.orFallback || !masksFailure(pipeline) || protection(pipeline.commands[0])) continue
        const first = pipeline.commands[0]
        const shown = pipeline.commands.map((c) => unwrap(c).name.value).join(' | ')
        report(
          wordRange(model, first.name),
          `"${shown}" succeeds when "${first.name.value}" fails: without pipefail only the last command's status counts, so the build goes on without what it fetched or produced. ${FIX}`,
          { snippet: shown }
        )
      }
    }
  }
}

/** Commands whose failure does not matter: they only print what they are given. */
const CANNOT_FAIL = new Set(['echo', 'printf', 'true', ':', 'yes'])

/** A stage before the last whose failure would go unnoticed. */
function masksFailure(pipeline: Pipeline): boolean {
  return pipeline.commands.slice(0, -1).some((c) => {
    const program = unwrap(c).program
    return !CANNOT_FAIL.has(program) && !(program === 'cat' && c.args.length === 0)
  })
}

/**
 * Whether pipefail is on for a pipeline starting at `first`: a `set -o pipefail` (also `set -euo pipefail`)
 * earlier in the RUN, or a `bash -o pipefail -c '…'` whose string holds it. Computed once per RUN.
 */
function pipefailProtection(commands: Command[]): (first: Command) => boolean {
  let setAt = Number.POSITIVE_INFINITY
  const shells: Command[] = []
  for (const c of commands) {
    const runner = unwrap(c)
    if (runner.program === 'set' && setsPipefail(runner.args.map((a) => a.value))) setAt = Math.min(setAt, c.name.start)
    else if (SHELLS.has(runner.program) && setsPipefail(runner.args.map((a) => a.value))) shells.push(c)
  }
  return (first) => setAt < first.name.start || shells.some((c) => c !== first && c.start <= first.start && first.end <= c.end)
}

function setsPipefail(args: string[]): boolean {
  return args.some((arg, i) => /^-[A-Za-z]*o$/.test(arg) && args[i + 1] === 'pipefail')
}
