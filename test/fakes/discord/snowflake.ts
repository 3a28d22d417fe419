const DISCORD_EPOCH = 1_420_070_400_000n;

/** Generates Discord-style snowflakes (timestamp << 22 | increment), unique and increasing. */
export class SnowflakeGenerator {
  private increment = 0n;
  private last = 0n;

  next(now: number = Date.now()): string {
    let ts = BigInt(now) - DISCORD_EPOCH;
    if (ts <= this.last) ts = this.last;
    if (ts !== this.last) this.increment = 0n;
    this.last = ts;
    const id = (ts << 22n) | (this.increment & 0xfffn);
    this.increment += 1n;
    if (this.increment > 0xfffn) {
      this.last += 1n;
      this.increment = 0n;
    }
    return id.toString();
  }
}
