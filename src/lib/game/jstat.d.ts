/** The `jstat` package ships no types: the one function Slant uses (Student's t quantile). */
declare module 'jstat' {
	export const jStat: {
		studentt: {
			/** The quantile of Student's t distribution with `dof` degrees of freedom at `p`. */
			inv(p: number, dof: number): number;
		};
	};
}
