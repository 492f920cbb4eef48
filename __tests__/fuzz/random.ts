/**
 * The fuzzer's randomness: a small seeded generator (SplitMix32), one per case, derived from the run's seed
 * and the case's index, so that any case can be generated again on its own (`npm run fuzz -- --seed S --case N`).
 */
export class Random {
  private state: number

  constructor(seed: number) {
    this.state = seed >>> 0
  }

  /** The generator of case `index` of a run seeded with `seed`. */
  static forCase(seed: number, index: number): Random {
    return new Random(mix(mix(seed) ^ Math.imul(index + 1, 0x9e3779b9)))
  }

  /** A uniform 32-bit unsigned integer. */
  next(): number {
    this.state = (this.state + 0x9e3779b9) >>> 0
    return mix(this.state)
  }

  /** An integer in [0, n). */
  int(n: number): number {
    return n <= 0 ? 0 : Math.floor((this.next() / 0x100000000) * n)
  }

  /** An integer in [min, max]. */
  between(min: number, max: number): number {
    return min + this.int(max - min + 1)
  }

  chance(probability: number): boolean {
    return this.next() / 0x100000000 < probability
  }

  pick<T>(items: readonly T[]): T {
    return items[this.int(items.length)]
  }

  /** Small sizes often, large ones rarely: 2^(uniform exponent), capped. */
  size(max: number): number {
    return Math.min(max, Math.floor(2 ** (this.next() / 0x100000000 * Math.log2(max + 1))))
  }

  /** Picks by weight: `[[weight, value], …]`. */
  weighted<T>(choices: ReadonlyArray<readonly [number, T]>): T {
    const total = choices.reduce((sum, [w]) => sum + w, 0)
    let at = this.next() / 0x100000000 * total
    for (const [weight, value] of choices) {
      if ((at -= weight) < 0) return value
    }
    return choices[choices.length - 1][1]
  }
}

/** SplitMix32's finaliser: a bijective scramble of 32 bits. */
function mix(value: number): number {
  let z = value >>> 0
  z = Math.imul(z ^ (z >>> 16), 0x85ebca6b)
  z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35)
  return (z ^ (z >>> 16)) >>> 0
}

/** A 32-bit hash of a string (FNV-1a): seeds given as words. */
export function hashSeed(text: string): number {
  let h = 0x811c9dc5
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193)
  return h >>> 0
}
