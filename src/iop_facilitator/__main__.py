from iop_facilitator.cli import main

main()
