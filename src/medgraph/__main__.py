from medgraph.cli import main

main(prog_name="medgraph")
