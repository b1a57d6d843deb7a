/**
 * Counts over a large hashed index space without a Map: a small open-addressing table (linear probing) plus the
 * list of indices touched, in first-touch order (the order a Map would iterate). Reused from post to post (`clear`
 * resets only what was touched); a Map here cost a sixth of the classifier's time in hashing and entry allocation.
 * The table grows with the post and stays a few kilobytes, so it lives in the CPU cache; a dense array over the
 * whole index space (2^18 doubles) made every count a cache miss.
 *
 * @example
 * const acc = new SparseAccumulator(1 << 18);
 * acc.add(7); acc.add(7); acc.add(3);
 * acc.indices // [7, 3]; acc.get(7) === 2
 * acc.clear();
 */
export class SparseAccumulator {
  readonly #size: number;
  /** Index stored in each slot, -1 when empty. */
  #keys: Int32Array;
  #values: Float64Array;
  /** Slot of each entry of `indices`, in the same order. */
  #slots: number[] = [];
  #mask: number;
  readonly indices: number[] = [];

  /** `size`: indices are in [0, size). */
  constructor(size: number, initialSlots = 1024) {
    this.#size = size;
    this.#keys = new Int32Array(initialSlots).fill(-1);
    this.#values = new Float64Array(initialSlots);
    this.#mask = initialSlots - 1;
  }

  /** The slot holding `index`, or the empty slot where it would go. */
  #slot(index: number): number {
    let s = Math.imul(index, 0x9e3779b1) >>> 0;
    s = (s ^ (s >>> 15)) & this.#mask;
    const keys = this.#keys;
    while (keys[s] !== index && keys[s] !== -1) s = (s + 1) & this.#mask;
    return s;
  }

  /** Adds a positive amount at `index` (positive only: zero means "not touched"). */
  add(index: number, amount = 1): void {
    if (index < 0 || index >= this.#size) throw new RangeError(`index ${index} outside [0, ${this.#size})`);
    const s = this.#slot(index);
    if (this.#keys[s] === -1) {
      this.#keys[s] = index;
      this.#values[s] = amount;
      this.indices.push(index);
      this.#slots.push(s);
      if (this.indices.length * 2 > this.#keys.length) this.#grow();
      return;
    }
    this.#values[s]! += amount;
  }

  get(index: number): number {
    const s = this.#slot(index);
    return this.#keys[s] === -1 ? 0 : this.#values[s]!;
  }

  /** Sets the value of an index already counted (`add` first). */
  set(index: number, value: number): void {
    const s = this.#slot(index);
    if (this.#keys[s] === -1) throw new RangeError(`index ${index} was never added`);
    this.#values[s] = value;
  }

  has(index: number): boolean {
    return this.#keys[this.#slot(index)] !== -1;
  }

  /** Sum of squares of the values, in first-touch order (for L2 normalisation). */
  sumOfSquares(): number {
    let sum = 0;
    for (const s of this.#slots) sum += this.#values[s]! * this.#values[s]!;
    return sum;
  }

  clear(): void {
    for (const s of this.#slots) this.#keys[s] = -1;
    this.indices.length = 0;
    this.#slots.length = 0;
  }

  #grow(): void {
    const values = this.#slots.map((s) => this.#values[s]!);
    const slots = this.#keys.length * 2;
    this.#keys = new Int32Array(slots).fill(-1);
    this.#values = new Float64Array(slots);
    this.#mask = slots - 1;
    for (let k = 0; k < this.indices.length; k++) {
      const s = this.#slot(this.indices[k]!);
      this.#keys[s] = this.indices[k]!;
      this.#values[s] = values[k]!;
      this.#slots[k] = s;
    }
  }
}
