import { baseName, unwrap, type Command, type Invocation, type Word } from '../shell/analyze.js'

/**
 * Reading a program's command line the way getopt does: which words are options, which option takes
 * the next word as its value, and which words are operands. Rules ask "what is the mode of this chmod",
 * "which packages does this apt-get install", never "does the line contain 777".
 */
export interface ParsedOption {
  /** As written before any value: `-o`, `--output`. A short option of a cluster is its own entry (`-fsSL` is four). */
  name: string
  /** The option's value: the rest of a cluster (`-ofile`), after `=` (`--output=file`), or the next word. */
  value?: Word
  /** The word the option was written in. */
  word: Word
}

export interface ParsedArgs {
  options: ParsedOption[]
  operands: Word[]
}

export interface OptionSpec {
  /** Options that take a value, short (`-o`) and long (`--output`). */
  valued: Iterable<string>
  /** Options end at the first operand (`sh script.sh -x`: `-x` is the script's). GNU tools permute instead. */
  stopAtOperand?: boolean
}

/** Splits a program's arguments into options and operands. `--` ends the options; `-` alone is an operand. */
export function parseArgs(args: Word[], spec: OptionSpec): ParsedArgs {
  const valued = spec.valued instanceof Set ? (spec.valued as Set<string>) : new Set(spec.valued)
  const result: ParsedArgs = { options: [], operands: [] }
  for (let i = 0; i < args.length; i++) {
    const word = args[i]
    const value = word.value
    if (value === '--') {
      result.operands.push(...args.slice(i + 1))
      break
    }
    if (value.startsWith('--')) {
      i += longOption(word, args[i + 1], valued, result.options)
    } else if (value.startsWith('-') && value.length > 1) {
      i += shortCluster(word, args[i + 1], valued, result.options)
    } else {
      result.operands.push(word)
      if (spec.stopAtOperand) {
        result.operands.push(...args.slice(i + 1))
        break
      }
    }
  }
  return result
}

/** Adds one long option; returns 1 when it consumed the next word as its value. */
function longOption(word: Word, next: Word | undefined, valued: Set<string>, into: ParsedOption[]): number {
  const equals = word.value.indexOf('=')
  if (equals > 0) {
    into.push({ name: word.value.slice(0, equals), value: slice(word, equals + 1), word })
    return 0
  }
  if (valued.has(word.value) && next) {
    into.push({ name: word.value, value: next, word })
    return 1
  }
  into.push({ name: word.value, word })
  return 0
}

/** Adds the options of `-abc`; a valued letter takes the rest of the cluster or the next word. */
function shortCluster(word: Word, next: Word | undefined, valued: Set<string>, into: ParsedOption[]): number {
  const value = word.value
  for (let k = 1; k < value.length; k++) {
    const name = `-${value[k]}`
    if (!valued.has(name)) {
      into.push({ name, word })
      continue
    }
    if (k + 1 < value.length) {
      into.push({ name, value: slice(word, k + 1), word })
      return 0
    }
    into.push({ name, value: next, word })
    return next ? 1 : 0
  }
  return 0
}

/** The part of a word from `from` on, with its offsets. */
export function slice(word: Word, from: number, to = word.value.length): Word {
  return { ...word, value: word.value.slice(from, to), start: word.at(from), end: word.at(to), at: (k) => word.at(k + from) }
}

export function hasOption(parsed: ParsedArgs, names: string[]): boolean {
  return parsed.options.some((o) => names.includes(o.name))
}

export function optionValues(parsed: ParsedArgs, names: string[]): Word[] {
  return parsed.options.filter((o) => names.includes(o.name) && o.value).map((o) => o.value!)
}

/** The subcommand of `apt-get install`, `npm i`, `gem install`: the first operand, options skipped. */
export function subcommand(args: Word[], valued: Iterable<string> = []): { name: Word; rest: Word[] } | undefined {
  const parsed = parseArgs(args, { valued, stopAtOperand: true })
  const name = parsed.operands[0]
  if (!name) return undefined
  const index = args.indexOf(name)
  return { name, rest: [...args.slice(0, index), ...args.slice(index + 1)] }
}

/**
 * The programs a command finally runs: what `sudo`/`env`/`xargs` wrap, and what `find -exec` runs for
 * each file (`find /app -type d -exec chmod 777 {} +`).
 */
export function executedPrograms(command: Command): Invocation[] {
  const last = unwrap(command)
  const out: Invocation[] = [last]
  if (last.program === 'find') out.push(...findExecs(last.args))
  return out
}

function findExecs(args: Word[]): Invocation[] {
  const out: Invocation[] = []
  for (let i = 0; i < args.length; i++) {
    if (!['-exec', '-execdir', '-ok', '-okdir'].includes(args[i].value) || !args[i + 1]) continue
    const end = args.findIndex((a, k) => k > i && (a.value === ';' || a.value === '+'))
    const stop = end < 0 ? args.length : end
    const name = args[i + 1]
    out.push({ program: baseName(name.value), name, args: args.slice(i + 2, stop) })
    i = stop
  }
  return out
}

/** `./x.sh` and `x.sh` name the same file; `a//b` is `a/b`. Paths are compared as written otherwise. */
export function normalizePath(path: string): string {
  let out = path.replace(/\/{2,}/g, '/')
  while (out.startsWith('./')) out = out.slice(2)
  return out
}

/** `key=value` split at the first separator; the value is empty when there is none. */
export function splitOnce(text: string, separator: string): [string, string] {
  const at = text.indexOf(separator)
  return at < 0 ? [text, ''] : [text.slice(0, at), text.slice(at + separator.length)]
}
