// Everything in this target is in its header; SwiftPM needs one source file to build it.
#include "cnetlink.h"
