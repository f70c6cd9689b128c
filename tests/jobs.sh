# Sourced by the check scripts that run cases two at a time (each case in
# a directory of its own, its lines printed in the usual order afterwards).
# job_slot N: wait until fewer than N background jobs of this shell run.
job_slot() {
	while [ "$(jobs -rp | wc -l)" -ge "$1" ]; do
		wait -n
	done
}
