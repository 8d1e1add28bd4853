/**
 * The `jstat` package ships no types: the functions Slant and its tests use (quantiles). It is a
 * CommonJS module, so Node's ESM loader offers it only as a default export.
 */
declare module 'jstat' {
	const jstat: {
		jStat: {
			normal: {
				/** The quantile of the normal distribution with this mean and standard deviation. */
				inv(p: number, mean: number, sd: number): number;
			};
			studentt: {
				/** The quantile of Student's t distribution with `dof` degrees of freedom at `p`. */
				inv(p: number, dof: number): number;
			};
		};
	};
	export default jstat;
}
