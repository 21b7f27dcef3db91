# mk/soak.mk - `make soak` (tools/soak): the stack under a steady
# conversation load for SOAK_MINUTES (default 60), sampled every minute;
# a 60-minute run is recorded in bench/SOAK.md. Not part of `make test`.
.PHONY: soak
soak: deps all bench/loadgen
	@tools/soak
