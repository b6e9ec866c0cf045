# Notebook targets (see notebooks/README.md).
#   make notebooks          set up Jupyter, the GoNB kernel, goimports and echarts
#   make notebooks-serve    start Jupyter on notebooks/ (127.0.0.1, port NB_PORT)
#   make notebooks-check    run every notebook headless and check its outputs
#   make notebooks-browser  run synaptic_tuner.ipynb in headless Chromium
#   make notebooks-update   re-execute the notebooks in place (committed outputs)

NB_PORT ?= 8888

.PHONY: notebooks notebooks-serve notebooks-check notebooks-browser notebooks-update

notebooks:
	notebooks/setup.sh

notebooks-serve:
	PATH="$(CURDIR)/notebooks/bin:$$PATH" jupyter notebook --no-browser --ip=127.0.0.1 \
		--port=$(NB_PORT) --notebook-dir="$(CURDIR)/notebooks" $(if $(filter 0,$(shell id -u)),--allow-root)

notebooks-check:
	notebooks/ci.sh

notebooks-browser:
	notebooks/browser.sh

notebooks-update:
	notebooks/ci.sh --update
