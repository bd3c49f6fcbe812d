/**
 * `Promise.withResolvers` (Node 22) for the PostGraphile anchor on Node 20: preloaded with
 * `node --require` before PostGraphile, whose packages call it.
 */
interface PromiseWithResolversShape {
  withResolvers?: <T>() => { promise: Promise<T>; resolve: (value: T) => void; reject: (reason: unknown) => void };
}

const promiseConstructor = Promise as unknown as PromiseWithResolversShape;
promiseConstructor.withResolvers ??= <T>() => {
  let resolve!: (value: T) => void;
  let reject!: (reason: unknown) => void;
  const promise = new Promise<T>((onResolve, onReject) => {
    resolve = onResolve;
    reject = onReject;
  });
  return { promise, resolve, reject };
};
