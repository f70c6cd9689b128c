# Syscall tables (arches/*/syscalls.master) and their generator kit/gen/mksys.c:
#   check-tables      numbers vs the cross headers, both ways, for every ABI,
#                     plus mutation tests (a wrong copy must be caught)
#   check-tables-gen  bad fixtures fail with file:line messages; the good
#                     fixture compiles and has the right slots in all variants
.PHONY: check-tables check-tables-gen
check-tables: $(B)/mksys $(B)/compatkit
	@MKSYS=$(B)/mksys COMPATKIT=$(B)/compatkit bash tests/tables/check-tables.sh
check-tables-gen: $(B)/mksys
	@MKSYS=$(B)/mksys bash tests/tables/check-bad.sh
	@MKSYS=$(B)/mksys CC="$(CC)" bash tests/tables/check-good.sh
CHECKS += check-tables check-tables-gen
