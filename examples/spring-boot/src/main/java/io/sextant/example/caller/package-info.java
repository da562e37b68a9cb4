/** The calling service: finds {@code greeter} by name through a {@code @LoadBalanced RestClient}. */
package io.sextant.example.caller;
