// Polls until `check` stops throwing, or rethrows its last error after `ms`: for results that
// appear a moment later (a server still starting, ingest or cache attribution still running),
// without sleeps that assume a quiet machine.
export async function eventually<T>(check: () => Promise<T>, ms = 30_000, everyMs = 250): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    try {
      return await check();
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, everyMs));
    }
  }
}
