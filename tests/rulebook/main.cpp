#define BOOST_TEST_MODULE rulebook
#include <boost/test/unit_test.hpp>
