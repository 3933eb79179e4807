// The netlink part of this target is all in its header; SwiftPM needs a source file to build it.
#include "cnetlink.h"
