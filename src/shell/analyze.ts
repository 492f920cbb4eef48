import { parseRaw, type RawCommand, type RawParse } from './tree-sitter.js'
import { decodeWord, throughMap } from './words.js'

/**
 * The shell layer's interface: what commands a script runs, with their words and positions. Rules ask
 * "is `sudo` invoked", never "does the text contain sudo". Offsets are in the outermost text (the
 * caller's coordinates), already mapped through `sh -c` strings and heredocs.
 */
export interface Word {
  /** After quote removal; expansions verbatim. */
  value: string
  start: number
  end: number
  /** Holds an expansion (`$x`, `$(…)`): its value is unknown before run time. */
  dynamic: boolean
  /** Outer offset of `value[i]` (through quotes and escapes); `at(value.length)` is the word's end. */
  at: (index: number) => number
}

export interface Redirect {
  /** `<`, `>`, `>>`, `<<<` (here-string), `<<` (here-document: target is the body). */
  operator: string
  target: Word
}

export interface Pipeline {
  commands: Command[]
  /** `a | b || fallback`: a failure is handled by intent. */
  orFallback: boolean
}

export interface Command {
  /** The command word as written, after quote removal (`/usr/bin/sudo`). */
  name: Word
  /** Base name of the command word (`sudo`). */
  program: string
  args: Word[]
  /** Prefix assignments (`A=1 make`): `A=1`. */
  assignments: Word[]
  redirects: Redirect[]
  start: number
  end: number
  /** The pipeline this command is a stage of, when it has two stages or more. */
  pipeline?: Pipeline
  /** The command whose argument holds the substitution that runs this command. */
  enclosing?: Command
  substitution?: 'command' | 'process'
  /** Nesting: 0 for the script itself, +1 per `sh -c` string or shell here-document. */
  depth: number
}

export interface ShellError {
  offset: number
  message: string
}

export interface Script {
  /** All commands in source order, nested ones included. */
  commands: Command[]
  errors: ShellError[]
}

/** Scripts longer than this are not parsed: a bound on time and memory for hostile input. */
export const MAX_SCRIPT_LENGTH = 256 * 1024
const MAX_DEPTH = 4

export const SHELLS = new Set(['sh', 'bash', 'dash', 'ash', 'zsh', 'ksh', 'mksh', 'busybox'])

export function analyzeShell(text: string, toOuter: (offset: number) => number = (i) => i, depth = 0): Script {
  if (text.length > MAX_SCRIPT_LENGTH) {
    return {
      commands: [],
      errors: [{ offset: toOuter(0), message: `script of ${text.length} characters is too long to analyse` }]
    }
  }
  const raw = parseRaw(text)
  const commands = buildCommands(text, raw, toOuter, depth)
  const script: Script = { commands: [], errors: [] }
  if (raw.hasError) {
    script.errors.push({ offset: toOuter(raw.errorOffset ?? 0), message: raw.givenUp ?? 'shell syntax error' })
  }
  script.commands.push(...commands)
  if (depth < MAX_DEPTH) {
    for (const command of commands) for (const inner of nestedScripts(command, depth)) mergeInto(script, inner)
  }
  if (depth === 0) script.commands.sort((a, b) => a.name.start - b.name.start || a.depth - b.depth)
  return script
}

/**
 * Adds a nested script's commands. `sh -c "$(curl x)"` holds `curl` in the outer parse already (as a
 * substitution inside the argument); the copy found again in the decoded string is dropped.
 */
function mergeInto(into: Script, inner: Script): void {
  const seen = new Set(into.commands.map((c) => c.name.start))
  for (const command of inner.commands) if (!seen.has(command.name.start)) into.commands.push(command)
  into.errors.push(...inner.errors)
}

function buildCommands(text: string, raw: RawParse, toOuter: (i: number) => number, depth: number): Command[] {
  const word = (start: number, end: number): Word => {
    const decoded = decodeWord(text, start, end)
    return {
      value: decoded.value,
      start: toOuter(start),
      end: toOuter(end),
      dynamic: decoded.dynamic,
      at: (i) => toOuter(throughMap(decoded.map, i))
    }
  }
  const commands = raw.commands.map((c: RawCommand): Command => {
    const name = word(c.nameStart, c.nameEnd)
    return {
      name,
      program: baseName(name.value),
      args: c.args.map(([s, e]) => word(s, e)),
      assignments: c.assignments.map(([s, e]) => word(s, e)),
      redirects: c.redirects.map((r) => ({
        operator: r.operator,
        target: r.operator === '<<' ? rawWord(text, r.start, r.end, toOuter) : word(r.start, r.end)
      })),
      start: toOuter(c.start),
      end: toOuter(c.end),
      substitution: c.substitution,
      depth
    }
  })
  raw.commands.forEach((c, i) => {
    if (c.enclosing !== undefined) commands[i].enclosing = commands[c.enclosing]
  })
  for (const p of raw.pipelines) {
    if (p.commands.length < 2) continue
    const pipeline: Pipeline = { commands: p.commands.map((i) => commands[i]), orFallback: p.orFallback }
    for (const member of pipeline.commands) member.pipeline = pipeline
  }
  return commands
}

/** A here-document body is passed verbatim: no quote removal. */
function rawWord(text: string, start: number, end: number, toOuter: (i: number) => number): Word {
  return { value: text.slice(start, end), start: toOuter(start), end: toOuter(end), dynamic: false, at: (i) => toOuter(start + i) }
}

/** Scripts a command runs from its own words: `sh -c '…'`, `bash <<EOF`, `bash <<< '…'`. */
function nestedScripts(command: Command, depth: number): Script[] {
  const runner = unwrap(command)
  if (!SHELLS.has(runner.program)) return []
  const scripts: Script[] = []
  const inline = commandStringOf(runner.args)
  if (inline) scripts.push(reparse(inline, depth))
  for (const redirect of command.redirects) {
    if (redirect.operator === '<<<' || redirect.operator === '<<') scripts.push(reparse(redirect.target, depth))
  }
  return scripts
}

/** The argument after `-c` (also `-ec`, `-xc`, `-lc`), when the shell is given one. */
function commandStringOf(args: Word[]): Word | undefined {
  for (let i = 0; i < args.length; i++) {
    const value = args[i].value
    if (/^-[abd-zA-Z]*c[a-zA-Z]*$/.test(value) && value.length < 12) return args[i + 1]
    if (value === '-o' || value === '+o') {
      i++
      continue
    }
    if (!/^[-+]/.test(value)) return undefined
  }
  return undefined
}

function reparse(word: Word, depth: number): Script {
  return analyzeShell(word.value, word.at, depth + 1)
}

export function baseName(path: string): string {
  const slash = path.lastIndexOf('/')
  return slash < 0 ? path : path.slice(slash + 1)
}

/** Options of wrapper commands that take a value, so that the wrapped command is found after them. */
const WRAPPERS: Record<string, { valued: Set<string>; positional: number }> = {
  env: { valued: new Set(['-u', '--unset', '-C', '--chdir', '-S', '--split-string']), positional: 0 },
  exec: { valued: new Set(['-a']), positional: 0 },
  nohup: { valued: new Set(), positional: 0 },
  time: { valued: new Set(['-f', '--format', '-o', '--output']), positional: 0 },
  command: { valued: new Set(), positional: 0 },
  builtin: { valued: new Set(), positional: 0 },
  nice: { valued: new Set(['-n', '--adjustment']), positional: 0 },
  ionice: { valued: new Set(['-c', '-n', '-t']), positional: 0 },
  stdbuf: { valued: new Set(['-i', '-o', '-e']), positional: 0 },
  timeout: { valued: new Set(['-s', '--signal', '-k', '--kill-after']), positional: 1 },
  sudo: {
    valued: new Set(['-u', '--user', '-g', '--group', '-C', '--close-from', '-D', '--chdir', '-h', '--host', '-p', '--prompt', '-r', '--role', '-t', '--type', '-U', '--other-user', '-T', '--command-timeout']),
    positional: 0
  },
  doas: { valued: new Set(['-u', '-C']), positional: 0 },
  gosu: { valued: new Set(), positional: 1 },
  'su-exec': { valued: new Set(), positional: 1 },
  's6-setuidgid': { valued: new Set(), positional: 1 },
  chroot: { valued: new Set(['--userspec', '--groups']), positional: 1 },
  xargs: {
    valued: new Set(['-a', '-d', '-E', '-e', '-I', '-i', '-L', '-l', '-n', '-P', '-s', '--arg-file', '--delimiter', '--max-args', '--max-procs', '--replace']),
    positional: 0
  },
  setpriv: { valued: new Set(['--reuid', '--regid', '--groups', '--inh-caps', '--bounding-set', '--securebits', '--pdeathsig', '--selinux-label', '--apparmor-profile']), positional: 0 },
  runuser: { valued: new Set(['-u', '--user', '-g', '--group', '-G', '--supp-group']), positional: 0 }
}

export interface Invocation {
  program: string
  name: Word
  args: Word[]
}

/**
 * The chain of programs a command runs, outermost first: `env X=1 sudo -E bash -c …` is env, sudo, bash.
 * Rules that ask what finally runs take the last; rules that ask whether sudo runs look at every link.
 */
export function invocations(command: Command): Invocation[] {
  const chain: Invocation[] = [{ program: command.program, name: command.name, args: command.args }]
  for (let guard = 0; guard < 8; guard++) {
    const last = chain[chain.length - 1]
    const next = unwrapOnce(last)
    if (!next) break
    chain.push(next)
  }
  return chain
}

/** The program that finally runs, behind `env`, `sudo`, `exec`, `nohup`, `time` and friends. */
export function unwrap(command: Command): Invocation {
  const chain = invocations(command)
  return chain[chain.length - 1]
}

function unwrapOnce(invocation: Invocation): Invocation | undefined {
  const spec = WRAPPERS[invocation.program]
  if (!spec) return undefined
  const { args } = invocation
  let i = 0
  let positional = spec.positional
  while (i < args.length) {
    const value = args[i].value
    if (value === '--') {
      i++
      break
    }
    if (invocation.program === 'command' && (value === '-v' || value === '-V')) return undefined
    if (invocation.program === 'env' && /^[A-Za-z_][A-Za-z0-9_]*=/.test(value)) {
      i++
      continue
    }
    if (value.startsWith('-') && value.length > 1) {
      i += spec.valued.has(value) ? 2 : 1
      continue
    }
    if (positional > 0) {
      positional--
      i++
      continue
    }
    break
  }
  if (i >= args.length) return undefined
  const name = args[i]
  return { program: baseName(name.value), name, args: args.slice(i + 1) }
}

/** Value of an option in `--name=value`, `--name value` or `-n value` form. */
export function optionValue(args: Word[], names: string[]): Word | undefined {
  for (let i = 0; i < args.length; i++) {
    const value = args[i].value
    for (const name of names) {
      if (value === name) return args[i + 1]
      if (name.startsWith('--') && value.startsWith(name + '=')) {
        const word = args[i]
        const skip = name.length + 1
        return { ...word, value: value.slice(skip), start: word.at(skip), at: (k) => word.at(k + skip) }
      }
    }
  }
  return undefined
}

/** True when any argument is one of the flags; short flags may be combined (`-fsSLk` has `-k`). */
export function hasFlag(args: Word[], long: string[], short: string[] = []): boolean {
  for (const arg of args) {
    const value = arg.value
    if (value === '--') return false
    if (long.some((flag) => value === flag || value.startsWith(flag + '='))) return true
    if (short.length > 0 && /^-[A-Za-z0-9]+$/.test(value)) {
      if (short.some((flag) => value.includes(flag.slice(1)))) return true
    }
  }
  return false
}

