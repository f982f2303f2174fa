"""`python -m marsad ...`: the marsad command line."""
from marsad.cli import main

main()
