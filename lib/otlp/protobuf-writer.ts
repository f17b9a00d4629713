// A minimal protobuf writer for the few small messages Tracewell sends back (export responses,
// google.rpc.Status). Those are tiny and built once per request, so this favours plainness over
// speed: bytes go to a growable array, nested messages are encoded first and copied in.

const utf8 = new TextEncoder();

export class ProtoWriter {
  private readonly out: number[] = [];

  private varint(value: bigint): void {
    // Negative int32/int64 values are sign-extended to 64 bits, as protobuf requires.
    let v = BigInt.asUintN(64, value);
    while (v >= 0x80n) {
      this.out.push(Number(v & 0x7fn) | 0x80);
      v >>= 7n;
    }
    this.out.push(Number(v));
  }

  private tag(field: number, wireType: number): void {
    this.varint(BigInt((field << 3) | wireType));
  }

  /** int32, int64, uint32, uint64, bool and enum fields; proto3 omits a zero. */
  int(field: number, value: number | bigint): this {
    const v = BigInt(value);
    if (v !== 0n) {
      this.tag(field, 0);
      this.varint(v);
    }
    return this;
  }

  /** proto3 omits an empty string. */
  string(field: number, value: string): this {
    if (value !== "") this.bytes(field, utf8.encode(value));
    return this;
  }

  message(field: number, body: ProtoWriter): this {
    this.bytes(field, body.finish());
    return this;
  }

  bytes(field: number, data: Uint8Array): this {
    this.tag(field, 2);
    this.varint(BigInt(data.length));
    for (const b of data) this.out.push(b);
    return this;
  }

  finish(): Uint8Array {
    return Uint8Array.from(this.out);
  }
}
