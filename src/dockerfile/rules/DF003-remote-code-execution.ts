import { baseName, invocations, unwrap, type Command, type Invocation, type Pipeline, type Word } from '../../shell/analyze.js'
import { normalizePath } from '../command-line.js'
import { downloadOf, type Download } from '../downloads.js'
import { codeSource } from '../interpreters.js'
import type { DockerfileModel, Instruction } from '../model.js'
import { wordRange, type DockerfileRule } from '../rule.js'
import { isVerification } from '../verification.js'

const SCRIPTED = new Set(['RUN', 'CMD', 'ENTRYPOINT', 'ONBUILD'])
const FIX = 'Download to a file, check it against a pinned checksum (sha256sum -c) or signature (gpg --verify) in the same RUN, then run the file.'

export const DF003: DockerfileRule = {
  id: 'DF003',
  slug: 'remote-code-execution',
  title: 'Downloaded code executed without verification',
  severity: 'high',
  principles: ['P3'],
  rationale:
    'Code piped from the network into a shell runs with the privileges of the build (root, by default): whoever controls the server, the CDN or the network path decides what goes into the image.',
  fix: FIX,
  equivalents: {},
  check(model, report) {
    const reported = new Set<number>()
    const fire = (runner: Invocation, message: string) => {
      if (reported.has(runner.name.start)) return
      reported.add(runner.name.start)
      report(wordRange(model, runner.name), message)
    }
    for (const instruction of model.instructions) {
      if (!SCRIPTED.has(instruction.keyword) || !instruction.script) continue
      const pipelines = new Set<Pipeline>()
      for (const command of instruction.script.commands) {
        if (command.pipeline && !pipelines.has(command.pipeline)) {
          pipelines.add(command.pipeline)
          checkPipeline(command.pipeline, fire)
        }
        const download = command.enclosing ? downloadOf(command) : undefined
        if (download?.toStdout) checkSubstitution(download, fire)
      }
    }
    checkSavedThenRun(model, fire)
  }
}

type Fire = (runner: Invocation, message: string) => void

/**
 * `curl … | sh`, `curl … | tee x | sudo -E bash -s`: a stage that runs its standard input as code, after
 * a download that writes to standard output. One pass over the stages, whatever their number.
 */
function checkPipeline(pipeline: Pipeline, fire: Fire): void {
  let download: Download | undefined
  for (const stage of pipeline.commands) {
    const fetched = downloadOf(stage)
    if (fetched) {
      if (fetched.toStdout) download = fetched
      continue
    }
    const runner = stdinSink(stage)
    if (!download || !runner) continue
    const program = download.invocation.program
    fire(runner, `"${program} … | ${runner.name.value}" runs what ${program}${sourceOf(download)} returns without checking it: whoever controls that server or the network path controls this image. ${FIX}`)
  }
}

/** The interpreter a stage runs, when it runs its standard input as code. */
function stdinSink(stage: Command): Invocation | undefined {
  const chain = invocations(stage)
  const runner = chain[chain.length - 1]
  // `… | xargs sh` hands the content over as arguments, not as the shell's input.
  if (chain.some((link) => link.program === 'xargs' || link.program === 'parallel')) return undefined
  if (stage.redirects.some((r) => r.operator === '<' || r.operator === '<<<')) return undefined
  return codeSource(runner)?.kind === 'stdin' ? runner : undefined
}

/** `bash <(curl …)`, `bash < <(curl …)`, `. <(curl …)`, `sh -c "$(curl …)"`, `eval "$(wget -O- …)"`. */
function checkSubstitution(download: Download, fire: Fire): void {
  const command = download.command
  const enclosing = command.enclosing
  if (!enclosing) return
  const runner = unwrap(enclosing)
  const holds = (word: Word | undefined) => word !== undefined && word.start <= command.name.start && command.end <= word.end
  const source = codeSource(runner)
  const runs =
    (command.substitution === 'process' &&
      ((isSourceBuiltin(runner) && runner.args.some(holds)) ||
        (source?.kind === 'file' && holds(source.word)) ||
        (source?.kind === 'stdin' && enclosing.redirects.some((r) => r.operator === '<' && holds(r.target))))) ||
    (command.substitution === 'command' && ((runner.program === 'eval' && runner.args.some(holds)) || (source?.kind === 'inline' && holds(source.word))))
  if (runs) {
    fire(runner, `"${runner.name.value}" runs the output of "${download.invocation.program}"${sourceOf(download)} without checking it: whoever controls that server or the network path controls this image. ${FIX}`)
  }
}

function isSourceBuiltin(runner: Invocation): boolean {
  return runner.program === '.' || runner.program === 'source'
}

/** ` from https://x/install.sh` when the URL is written out. */
function sourceOf(download: Download): string {
  const url = download.urls.find((w) => !w.dynamic && /^[a-z]+:\/\//i.test(w.value))
  return url ? ` from ${url.value}` : ''
}

/**
 * `curl -o install.sh URL && sh install.sh`: a download saved to a file and run later in the same
 * stage, with no checksum or signature check between. Execution counts as: an interpreter given the
 * file (`sh`, `bash`, `python`, `php`, …), `.`/`source`, the file as the command (`./install.sh`),
 * or the file fed to an interpreter's standard input (`sh < install.sh`).
 */
function checkSavedThenRun(model: DockerfileModel, fire: Fire): void {
  for (const stage of model.stages) {
    const saved = new SavedFiles()
    let lastCheck = -1
    for (const { command } of stageCommands(stage.instructions)) {
      if (isVerification(command)) lastCheck = command.start
      const download = downloadOf(command)
      if (download) {
        const line = model.index.positionAt(command.name.start).line
        for (const path of download.savedTo) saved.add(path, { download, line })
        continue
      }
      const executed = executedFile(command)
      const match = executed && saved.find(executed.path)
      if (!executed || !match || match.download.command.start < lastCheck) continue
      fire(
        executed.runner,
        `"${executed.runner.name.value}" runs "${executed.path}", downloaded by ${match.download.invocation.program} on line ${match.line}${sourceOf(match.download)}, with no checksum or signature check in between: whoever controls that server or the network path controls this image. ${FIX}`
      )
    }
  }
}

interface Saved {
  download: Download
  line: number
}

/**
 * Downloaded files by path, the latest download of a path winning. A file counts as the same when the
 * paths are equal (after dropping `./`), or when one side is a bare name and the names are equal: the
 * rule does not follow `cd`.
 */
class SavedFiles {
  private readonly byPath = new Map<string, Saved>()
  private readonly byName = new Map<string, Saved>()
  private readonly bareByName = new Map<string, Saved>()

  add(path: string, saved: Saved): void {
    const normal = normalizePath(path)
    this.byPath.set(normal, saved)
    this.byName.set(baseName(normal), saved)
    if (!normal.includes('/')) this.bareByName.set(normal, saved)
  }

  find(path: string): Saved | undefined {
    const normal = normalizePath(path)
    const exact = this.byPath.get(normal)
    if (exact) return exact
    return normal.includes('/') ? this.bareByName.get(baseName(normal)) : this.byName.get(normal)
  }
}

function stageCommands(instructions: Instruction[]): Array<{ command: Command }> {
  const out: Array<{ command: Command }> = []
  for (const instruction of instructions) {
    if (instruction.keyword !== 'RUN' || !instruction.script) continue
    for (const command of instruction.script.commands) out.push({ command })
  }
  return out
}

/** The file a command runs as code, if it runs one. */
function executedFile(command: Command): { runner: Invocation; path: string } | undefined {
  const runner = unwrap(command)
  if (isSourceBuiltin(runner) && runner.args[0]) return { runner, path: runner.args[0].value }
  const source = codeSource(runner)
  if (source?.kind === 'file') return { runner, path: source.word.value }
  if (source?.kind === 'stdin') {
    const input = command.redirects.find((r) => r.operator === '<')
    if (input && !input.target.value.startsWith('<(')) return { runner, path: input.target.value }
    return undefined
  }
  if (!source && runner.name.value.includes('/') && !runner.name.dynamic) return { runner, path: runner.name.value }
  return undefined
}
