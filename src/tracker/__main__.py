from tracker._entry import main

main()
