# compatkit predict against reality (tests/predict.sh): the syscalls each
# compare case issues under `compatkit run --trace` must be in predict's set.
.PHONY: check-predict
check-predict: $(B)/compatkit $(COMPARE_GUESTS)
	@ABIS="$(ABIS)" bash tests/predict.sh
CHECKS += check-predict
