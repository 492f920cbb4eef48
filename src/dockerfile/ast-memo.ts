import { Instruction } from 'dockerfile-ast'

/*
 * dockerfile-ast recomputes an instruction's arguments (character by character, a Range and two
 * positionAt searches per argument) on every call of getRawArguments(), which getArguments(),
 * getFlags(), getRawArgumentsContent(), the JSON instructions' constructors and the parser's own
 * variable pass all go through: several times per instruction while a file is parsed and modelled.
 * Inside `withArgumentsMemo` the list is computed once per instruction (an instruction's text never
 * changes once parsed). Only for that long: kept for the model's lifetime, the lists outlive the young
 * generation and raised the peak RSS of a 10,000-file scan by 20 MiB; what the rules read afterwards
 * is kept by `astArguments` (script.ts). Callers, dockerfile-ast's included (ModifiableInstruction
 * shifts the flags off the list it gets), modify the array they get: each gets a copy.
 */
type RawArguments = ReturnType<Instruction['getArguments']>
/** getRawArguments is private in dockerfile-ast's types; it is what every argument reader calls. */
interface Patched {
  getRawArguments(this: Instruction): RawArguments
  containmentMemo?: true
}

let active: Map<Instruction, RawArguments> | undefined
const prototype = Instruction.prototype as unknown as Patched

if (!prototype.containmentMemo) {
  const compute = prototype.getRawArguments
  prototype.getRawArguments = function memoizedRawArguments(this: Instruction): RawArguments {
    if (!active) return compute.call(this)
    let args = active.get(this)
    if (!args) {
      args = compute.call(this)
      active.set(this, args)
    }
    return args.slice()
  }
  prototype.containmentMemo = true
}

/** Runs `build` (a parse and the model built from it) with every instruction's arguments computed once. */
export function withArgumentsMemo<T>(build: () => T): T {
  if (active) return build()
  active = new Map()
  try {
    return build()
  } finally {
    active = undefined
  }
}
