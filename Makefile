# The two commands of the README, plus the small chores behind them.
.PHONY: run test build openapi clean

## Run the whole product (API + SPA + demo data) at http://localhost:8080
run:
	bash infra/dev/run.sh

## Run every test suite (.NET, web unit, browser end-to-end) with its own throwaway services
test:
	bash infra/dev/test.sh

build:
	bash infra/dev/build.sh Release

## Regenerate api/openapi.json and the SPA's types after changing an endpoint (needs a database:
## it runs the drift test in rewrite mode against the same throwaway cluster as `make test`).
openapi:
	bash infra/dev/openapi.sh

clean:
	rm -rf .data api/bin api/obj tests/*/bin tests/*/obj web-client/dist
